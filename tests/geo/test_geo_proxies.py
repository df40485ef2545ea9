"""Division point proxies: scored against gold points, our shipped point among them."""

from __future__ import annotations

from flashpoint.geo.tools.proxies import PROXIES, score_proxies

# British Columbia (GeoNames id 5909050): one gold point at our shipped point, one at Vancouver
GOLD = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="1"><text>Fires in British Columbia. BC burned.</text><toponyms>
  <toponym><start>9</start><end>25</end><phrase>British Columbia</phrase>
    <gaztag geonameid="5909050"><lat>52.3123</lat><lon>-123.5057</lon></gaztag></toponym>
  <toponym><start>27</start><end>29</end><phrase>BC</phrase>
    <gaztag geonameid="5909050"><lat>49.2497</lat><lon>-123.1193</lon></gaztag></toponym>
</toponyms></article></articles>
"""


def test_geo_proxies_score_our_point_and_every_proxy_on_the_same_gold(tmp_path):
    path = tmp_path / "gold.xml"
    path.write_text(GOLD, encoding="utf-8")
    scores = score_proxies(str(path))
    assert set(scores) == {"shipped", *PROXIES}
    assert scores["shipped"] == (2, 0.5)  # our point is 370 km from Vancouver
    assert scores["most populous town"] == (2, 0.5)  # Vancouver itself, far from our point
    assert score_proxies(str(path), (1, 2)) == {}  # the only article is in fold 0
