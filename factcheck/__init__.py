"""factcheck: check claims about corporate deals against a curated store of sourced statements.

The library is usable without the CLI:

    from factcheck.cache import load_index      # the shipped store's index, cached between runs
    from factcheck.matching import check

    result = check("China Telecom denied signing a deal with Alibaba", load_index())

(`factcheck.index.build_index(factcheck.store.load_store(paths))` builds one without the cache.)
"""

__version__ = "0.1.0"
