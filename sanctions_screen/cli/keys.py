"""``sanctions-screen keys``: API keys of the HTTP service (create, list, revoke)."""

from __future__ import annotations

import click

from sanctions_screen.cli.common import echo_json, json_option, store_for

SCOPE_HELP = "Comma-separated scopes: screen, review, admin."


@click.group("keys")
def keys_group() -> None:
    """API keys of `sanctions-screen serve`: the store keeps only their sha256."""


@keys_group.command("create")
@click.option("--name", required=True, help="Who the key is for (recorded as the client).")
@click.option("--scope", "scopes", default="screen", show_default=True, help=SCOPE_HELP)
@json_option
@click.pass_context
def keys_create(ctx: click.Context, name: str, scopes: str, as_json: bool) -> None:
    """Create a key and print it, this once: it cannot be shown again."""
    from sanctions_screen.store.apikeys import create_key

    with store_for(ctx) as store:
        made = create_key(store, name, scopes)
    if as_json:
        echo_json({"key": made.key, **made.info.model_dump(mode="json")})
        return
    click.echo(made.key)
    click.echo(
        f"key {made.info.name!r} created with scopes {','.join(made.info.scopes)}; it is "
        "printed above once and cannot be shown again. Clients send "
        "`Authorization: ApiKey KEY`.",
        err=True,
    )


@keys_group.command("list")
@json_option
@click.pass_context
def keys_list(ctx: click.Context, as_json: bool) -> None:
    """List the keys (names, scopes, dates; never the keys)."""
    from sanctions_screen.store.apikeys import list_keys

    with store_for(ctx) as store:
        keys = list_keys(store)
    if as_json:
        echo_json(keys)
        return
    if not keys:
        click.echo("No API key yet: `sanctions-screen serve` answers loopback clients only.")
    for key in keys:
        state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}Z" if key.revoked_at else "active"
        click.echo(
            f"{key.name:<24} {','.join(key.scopes):<20} created "
            f"{key.created_at:%Y-%m-%d %H:%M}Z  {state}"
        )


@keys_group.command("revoke")
@click.argument("name")
@click.pass_context
def keys_revoke(ctx: click.Context, name: str) -> None:
    """Revoke the key NAME (a running service refuses it within its key refresh)."""
    from sanctions_screen.store.apikeys import revoke_key

    with store_for(ctx) as store:
        key = revoke_key(store, name)
    click.echo(f"key {key.name!r} revoked")
