"""Trade and diplomatic records, and the parties each one holds.

Unknown fields ride along untouched (``extra="allow"``: they land in ``model_extra``).
:meth:`TradeRecord.parties` / :meth:`DiplomaticRecord.parties` list every party to screen
with the evidence the record holds for it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PartyKind = Literal["person", "organization", "vessel"]
RecordType = Literal["trade", "diplomatic"]


class Party(BaseModel):
    """Someone or something a record names, with the evidence the record holds for it.

    ``role`` says what the party is to the record (``shipper``, ``member2``...);
    ``name_field`` is the field its name came from, so a flag can point at it.
    """

    model_config = ConfigDict(extra="allow")

    name: str = ""
    """Empty when the record gives only other details (a country, a phone number)."""
    role: str = ""
    name_field: str = ""
    kind: PartyKind | None = None
    country: str | None = None
    nationality: str | None = None
    birth_date: str | None = None
    """As written: ``1969-08-18``, ``1969``, ``18/08/1969``."""
    passport: str | None = None
    identifiers: list[str] = Field(default_factory=list)
    """Other identifiers as written: ``IMO 5987860``, national IDs, registration numbers."""
    organisation: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None

    def all_identifiers(self) -> list[str]:
        """Passport first, then the other identifiers."""
        return [i for i in (self.passport, *self.identifiers) if i]


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow")

    record_id: str
    date: dt.date | None = None
    other_parties: list[Party] = Field(default_factory=list)
    """Parties in roles beyond the record's own fields (any role given to ``--party``)."""


class TradeRecord(_Record):
    """A shipment or trade finance transaction."""

    record_type: Literal["trade"] = "trade"
    shipper: Party | None = None
    consignee: Party | None = None
    notify_party: Party | None = None
    buyer: Party | None = None
    seller: Party | None = None
    banks: list[Party] = Field(default_factory=list)
    carrier: Party | None = None
    vessel_name: str | None = None
    imo_number: str | None = None
    vessel_flag: str | None = None
    vessel_owner: Party | None = None
    end_user: Party | None = None
    agent: Party | None = None
    forwarder: Party | None = None
    manufacturer: Party | None = None
    beneficiary: Party | None = None
    applicant: Party | None = None
    ordering_party: Party | None = None
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    transshipment_ports: list[str] = Field(default_factory=list)
    origin_country: str | None = None
    destination_country: str | None = None
    hs_codes: list[str] = Field(default_factory=list)
    goods_description: str | None = None
    value: Decimal | None = None
    currency: str | None = None

    def vessel(self) -> Party | None:
        """The vessel as a party: its name, IMO number and flag."""
        if not self.vessel_name and not self.imo_number:
            return None
        return Party(
            name=self.vessel_name or "",
            role="vessel",
            name_field="vessel_name" if self.vessel_name else "imo_number",
            kind="vessel",
            country=self.vessel_flag,
            identifiers=[f"IMO {self.imo_number}"] if self.imo_number else [],
        )

    def parties(self) -> list[Party]:
        """Every named party: traders, end user, agents, payment parties, banks, carrier,
        forwarder, manufacturer, the vessel and its owner, and parties in other roles."""
        named = [self.shipper, self.consignee, self.notify_party, self.buyer, self.seller,
                 self.end_user, self.agent, self.beneficiary, self.applicant,
                 self.ordering_party]  # fmt: skip
        others = (self.carrier, self.forwarder, self.manufacturer, self.vessel_owner)
        out = [p for p in (*named, *self.banks, *others, *self.other_parties) if p]
        vessel = self.vessel()
        if vessel is not None:
            out.append(vessel)
        return [p for p in out if p.name.strip()]


class DiplomaticRecord(_Record):
    """A meeting or visit: a delegation, its hosts, where and why."""

    record_type: Literal["diplomatic"] = "diplomatic"
    delegation_country: str | None = None
    delegation_organisation: Party | None = None
    members: list[Party] = Field(default_factory=list)
    host_country: str | None = None
    host_organisation: Party | None = None
    host_officials: list[Party] = Field(default_factory=list)
    venue: str | None = None
    city: str | None = None
    purpose: str | None = None

    def parties(self) -> list[Party]:
        """Delegation members and their organisations, host officials and organisations.

        An organisation without a country of its own takes its side's country
        (``delegation_country`` or ``host_country``) as screening evidence.
        """
        out = [*self.members, *self.host_officials, *self.other_parties]
        sides = (
            (self.delegation_organisation, self.members, self.delegation_country),
            (self.host_organisation, self.host_officials, self.host_country),
        )
        for org, _, country in sides:
            if org is not None:
                out.append(org if org.country else org.model_copy(update={"country": country}))
        seen = {p.name.casefold() for p in out if p.kind == "organization"}
        for _, people, country in sides:
            for person in people:
                org_name = (person.organisation or "").strip()
                if org_name and org_name.casefold() not in seen:
                    seen.add(org_name.casefold())
                    out.append(_organisation_of(person, org_name, country))
        return [p for p in out if p.name.strip()]


def _organisation_of(person: Party, name: str, country: str | None) -> Party:
    """A member's organisation as a party of its own, in the member's country."""
    return Party(
        name=name,
        role=f"{person.role}_organisation",
        name_field=f"{person.role}_organisation",
        kind="organization",
        country=person.country or person.nationality or country,
    )


Record = TradeRecord | DiplomaticRecord
