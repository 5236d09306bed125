"""factcheck: check claims about corporate deals against a curated store of sourced statements.

The library is usable without the CLI:

    from factcheck.store import load_store
    from factcheck.index import StoreIndex
    from factcheck.matching import check

    result = check("China Telecom denied signing a deal with Alibaba", StoreIndex(load_store()))
"""

__version__ = "0.1.0"
