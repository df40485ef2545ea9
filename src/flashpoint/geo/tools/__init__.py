"""Tools that write the gazetteer index: `compile` (from the shipped data, on first use or
`flashpoint gazetteer build`) and `importer` (full GeoNames dumps). Geoparsing never imports
them, except `Gazetteer.load` compiling an index that is missing or stale."""
