"""The shipped catalogue: every named project and plan target of the five planning documents.

The catalogue is reviewed data in ``resources/catalog/*.yaml`` (format in ``SCHEMA.md``). This
package reads it, loads it into the register and brings a register up to date when the files
change, without ever overwriting what a user has edited.

=================  ===========================================================================
module             its job
=================  ===========================================================================
``entries``        the records a file becomes: document, project, target, citation
``schema``         the shape of a file's entries, checked by pydantic; Chinese messages
``reading``        YAML files in, records out; the checks that span a file
``fingerprints``   the hash of a project's catalogue-derived values, from a file or the register
``sync``           loading, updating, the report of what changed
``stats``          entries per document, from the files
``sources``        the paragraph of a shipped document a citation points at
=================  ===========================================================================

Callers use the package, ``from portfolio import catalog; catalog.load(session)``: what they
need is re-exported here.

How an entry becomes a project
------------------------------
=================  ===========================================================================
catalogue          project
=================  ===========================================================================
name               ``name``; ``catalog_key`` = ``"<seed file>#<name>"``; ``origin`` = catalog
kind, category     ``kind``, ``category``
type               ``project_type``
status             ``plan_status``; on first insert also ``stage``: planned → 前期,
                   under_way → 续建, done → 竣工 (stage is the user's working field afterwards
                   and is not compared when the catalogue changes)
location           ``township`` = the one 乡/镇/街道 named in it, if exactly one; ``location`` =
                   the text from that township on, or the whole location when there is none
investment         ``total_investment`` (万元, exact Decimal)
quantities         ``project_quantities`` rows
start_year         ``planned_start`` = 1 January of that year
end_year           ``planned_finish`` = 31 December of that year
line, quote        the first ``citations`` row; ``also_cited`` entries are further rows
=================  ===========================================================================

``catalog_hash`` is the SHA-256 of those catalogue-derived values (not ``stage``). A project
whose current values still hash to ``catalog_hash`` has not been edited since it was loaded,
so a changed catalogue entry may replace it; otherwise the user's version is kept and the
change reported as a conflict. A catalogue project the user deleted (the audit log holds its
deletion) is never brought back.
"""

from __future__ import annotations

from portfolio.catalog.entries import (
    CatalogCitation,
    CatalogDocument,
    CatalogError,
    CatalogProject,
    CatalogTarget,
    split_location,
)
from portfolio.catalog.fingerprints import fingerprint
from portfolio.catalog.reading import catalog_files, catalog_folder, read_catalog, read_file
from portfolio.catalog.sources import CitationSource, citation_sources, document_lines
from portfolio.catalog.stats import DocumentStats, stats
from portfolio.catalog.sync import (
    LOADED_SETTING,
    STAGE_FOR_STATUS,
    CatalogReport,
    load,
    mark_loaded,
    summary,
    synchronise,
    update,
)

__all__ = [
    "LOADED_SETTING",
    "STAGE_FOR_STATUS",
    "CatalogCitation",
    "CatalogDocument",
    "CatalogError",
    "CatalogProject",
    "CatalogReport",
    "CatalogTarget",
    "CitationSource",
    "DocumentStats",
    "catalog_files",
    "catalog_folder",
    "citation_sources",
    "document_lines",
    "fingerprint",
    "load",
    "mark_loaded",
    "read_catalog",
    "read_file",
    "split_location",
    "stats",
    "summary",
    "synchronise",
    "update",
]
