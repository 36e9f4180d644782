"""The shipped catalogue: every named project and plan target of the five planning documents.

The catalogue is reviewed data in ``resources/catalog/*.yaml`` (format in ``SCHEMA.md``). It is
a library beside the register, not part of it: a new register is empty, and the office adopts
the entries it wants (``adopt``), which become projects keeping their citations. This package
reads the catalogue, lists it with what is adopted, adopts, and brings adopted projects up to
date when the files change, without ever overwriting what a user has edited.

=================  ===========================================================================
module             its job
=================  ===========================================================================
``entries``        the records a file becomes: document, project, target, citation
``schema``         the shape of a file's entries, checked by pydantic; Chinese messages
``reading``        YAML files in, records out; the checks that span a file
``fingerprints``   the hash of a project's catalogue-derived values, from a file or the register
``sync``           adopting, updating, the report of what changed
``adopters``       who adopted an entry and when, for a second adoption's message
``library``        the entries with their documents, which are adopted, choosing by id/document
``returning``      giving back the projects an earlier version loaded and nobody used
``stats``          entries per document, from the files
``sources``        the paragraph of a shipped document a citation points at
=================  ===========================================================================

Callers use the package, ``from portfolio import catalog; catalog.adopt(session, keys)``: what
they need is re-exported here.

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
deletion) comes back only when the user adopts that entry by name.
"""

from __future__ import annotations

from portfolio.catalog.adopters import Adopter, already_message
from portfolio.catalog.entries import (
    CatalogCitation,
    CatalogDocument,
    CatalogError,
    CatalogProject,
    CatalogTarget,
    short_id,
    split_location,
)
from portfolio.catalog.fingerprints import fingerprint
from portfolio.catalog.library import (
    LibraryEntry,
    adopted_keys,
    choose,
    document_matches,
    entries,
    find,
    tracked,
)
from portfolio.catalog.reading import (
    catalog_files,
    catalog_folder,
    read_catalog,
    read_file,
    shipped_catalog,
)
from portfolio.catalog.returning import ReturnReport, return_unused
from portfolio.catalog.sources import (
    CitationSource,
    citation_sources,
    document_lines,
    entry_sources,
    paragraph_at,
)
from portfolio.catalog.stats import DocumentStats, stats
from portfolio.catalog.sync import (
    STAGE_FOR_STATUS,
    CatalogReport,
    adopt,
    load,
    summary,
    synchronise,
    update,
)

__all__ = [
    "STAGE_FOR_STATUS",
    "Adopter",
    "CatalogCitation",
    "CatalogDocument",
    "CatalogError",
    "CatalogProject",
    "CatalogReport",
    "CatalogTarget",
    "CitationSource",
    "DocumentStats",
    "LibraryEntry",
    "ReturnReport",
    "adopt",
    "adopted_keys",
    "already_message",
    "catalog_files",
    "catalog_folder",
    "choose",
    "citation_sources",
    "document_lines",
    "document_matches",
    "entries",
    "entry_sources",
    "find",
    "fingerprint",
    "load",
    "paragraph_at",
    "read_catalog",
    "read_file",
    "return_unused",
    "shipped_catalog",
    "short_id",
    "split_location",
    "stats",
    "summary",
    "synchronise",
    "tracked",
    "update",
]
