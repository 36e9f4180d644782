"""The register page (项目库): every project as a lazily loaded, sortable, editable table."""
