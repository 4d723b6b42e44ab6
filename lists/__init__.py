"""Reference data shipped with sanctions_screen (installed as ``sanctions_screen.lists``).

Each file here is data a compliance officer can review without reading Python: ASEAN
membership, DPRK indicators, sanctioned HS codes, places, legal forms and romanisation
tables. Every entry cites its source. Code reads them through
``sanctions_screen.resources.resource(name)``.
"""
