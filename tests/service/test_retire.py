"""A replaced list freed a slice at a time: all of it freed, nothing shared touched."""

from __future__ import annotations

import asyncio
import copy
import weakref

from sanctions_screen.service.retire import free_in_slices


class Node:
    """A weakly referenceable object holding children, as the list's entries do."""

    def __init__(self, children: list[object] | None = None) -> None:
        self.children = children or []


def tree(depth: int, width: int) -> Node:
    if depth == 0:
        return Node([("leaf", n) for n in range(width)])
    return Node([tree(depth - 1, width) for _ in range(width)])


def nodes(root: Node) -> list[Node]:
    out, todo = [], [root]
    while todo:
        node = todo.pop()
        out.append(node)
        todo.extend(c for c in node.children if isinstance(c, Node))
    return out


def test_everything_only_it_held_is_freed() -> None:
    root = tree(4, 6)  # 1,555 nodes
    refs = [weakref.ref(n) for n in nodes(root)]
    held: list[object] = [root, {"big": list(range(10_000)), "nodes": [Node() for _ in range(50)]}]
    del root
    taken = asyncio.run(free_in_slices(held, per_slice=100))
    assert held == []
    assert taken >= len(refs)
    assert [r for r in refs if r() is not None] == []


def test_what_is_held_elsewhere_is_left_whole() -> None:
    shared = tree(2, 5)
    expected = repr([[c.children for c in n.children] for n in shared.children])
    also_kept = {"table": [1, 2, 3], "more": {"a": [4]}}
    kept_copy = copy.deepcopy(also_kept)
    held: list[object] = [Node([shared, Node([also_kept]), tree(2, 5)]), also_kept]
    asyncio.run(free_in_slices(held, per_slice=10))
    assert repr([[c.children for c in n.children] for n in shared.children]) == expected
    assert also_kept == kept_copy


def test_a_reference_cycle_ends() -> None:
    first, second = Node(), Node()
    first.children.append(second)
    second.children.append(first)
    held: list[object] = [first]
    del first, second
    asyncio.run(free_in_slices(held, per_slice=1))
    assert held == []


def test_the_event_loop_gets_turns_while_it_frees() -> None:
    held: list[object] = [tree(3, 10), list(range(50_000))]
    turns = 0

    async def main() -> None:
        nonlocal turns
        done = asyncio.Event()

        async def other() -> None:
            nonlocal turns
            while not done.is_set():
                turns += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(other())
        await asyncio.sleep(0)
        await free_in_slices(held, per_slice=500)
        done.set()
        await task

    asyncio.run(main())
    assert turns > 100  # 1,111 nodes and 50,000 numbers, 500 references a turn
