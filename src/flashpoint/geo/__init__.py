"""The offline geoparser: place names in news text -> GeoNames places, with no server.

The public face is two classes: `Geoparser` (recognise and resolve the places of a text or a
parsed spaCy `Doc`) and `Gazetteer` (the read-only index it looks names up in). The modules
beside them are the geoparser's parts; `flashpoint.geo.tools` holds the tools that write the
index (compile the shipped data, import GeoNames dumps) and is loaded only to build it.

    >>> from flashpoint.geo import Geoparser
    >>> [p.name for p in Geoparser().geoparse("Clashes broke out north of Raqqa.")]
    ['north of Ar Raqqah', 'Ar Raqqah']
"""

from flashpoint.geo.gazetteer import Gazetteer, GazetteerEntry
from flashpoint.geo.parser import Geoparser, Resolution

__all__ = ["Gazetteer", "GazetteerEntry", "Geoparser", "Resolution"]
