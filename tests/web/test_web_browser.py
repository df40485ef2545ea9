"""The page in a real browser (Debian's chromium): every view draws what the API holds,
clicks and brushes filter the other views through the URL, any extracted item opens the
sentence it came from with who asserts it, and a hostile article stays text."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import httpx


def _api(base: str, path: str, **params: object) -> list[dict]:
    items, offset = [], 0
    while offset is not None:
        page = httpx.get(f"{base}/api/{path}", params={**params, "limit": 500, "offset": offset})
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        offset = page.json()["next"]
    return items


def _query(watched) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(watched.page.url).query).items()}


def _drawn(watched) -> dict:
    return watched.page.evaluate(
        "({map: flashpoint.map.drawn(), net: flashpoint.network.drawn(),"
        " bars: [...document.querySelectorAll('#timeline rect[data-n]')]"
        ".reduce((n, r) => n + Number(r.dataset.n), 0)})"
    )


def _points(watched, kind: str) -> list[dict]:
    """Where the map draws its markers, once the page has stopped moving them: the layout
    settles as legends fill in and the map fits its bounds, and a click aimed at a marker's
    first position can land beside it on a slow machine."""
    found = watched.page.evaluate("flashpoint.map.points()")
    for _ in range(50):
        watched.page.wait_for_timeout(200)
        again = watched.page.evaluate("flashpoint.map.points()")
        if again == found:
            break
        found = again
    return [p for p in found if p["kind"] == kind]


def _focused(watched) -> str:
    return "".join(watched.page.locator("#doc-view .focus").all_inner_texts())


def test_web_every_view_shows_the_store(watched, base_url):
    watched.open()
    events = _api(base_url, "events")
    relations = _api(base_url, "relations")
    flashpoints = _api(base_url, "flashpoints")
    drawn = _drawn(watched)
    assert drawn["map"] == {"events": len(events), "flashpoints": len(flashpoints)}
    actors = {r["source_id"] for r in relations} | {r["target_id"] for r in relations}
    assert set(drawn["net"]["nodes"]) >= actors and len(drawn["net"]["edges"]) == len(relations)
    assert drawn["bars"] == len([e for e in events if e["date_start"] or e["first_reported"]])
    brief = httpx.get(f"{base_url}/api/brief").json()
    page = watched.page
    assert page.locator("#brief-view h3").inner_text() == brief["title"]
    cited = sum(len(s["sources"]) for sec in brief["sections"] for s in sec["sentences"])
    assert cited and page.locator("#brief-view a.cite").count() == cited
    types = page.locator("#map-legend").inner_text()
    assert all(e["type"] in types for e in events)


def test_web_clicking_an_actor_filters_the_other_views(watched, base_url):
    watched.open()
    before = watched.shown()
    spot = watched.page.evaluate("flashpoint.network.nodePosition('usa')")
    watched.page.mouse.click(spot["x"], spot["y"])
    watched.wait(before)
    assert _query(watched)["actor"] == "usa"
    theirs = _api(base_url, "events", actor="usa")
    assert 0 < len(theirs) < len(_api(base_url, "events"))
    drawn = _drawn(watched)
    assert drawn["map"]["events"] == len(theirs) and drawn["bars"] == len(theirs)
    assert watched.page.locator("#filters input[name=actor]").input_value() == "usa"
    # the same URL, opened afresh, shows the same filtered view
    again = watched.page.url
    watched.open("?" + urlparse(again).query)
    assert _drawn(watched)["map"]["events"] == len(theirs)
    watched.page.go_back()


def test_web_brushing_the_timeline_filters_the_other_views(watched, base_url):
    watched.open()
    before = watched.shown()
    page = watched.page
    box = page.locator("#timeline svg").bounding_box()
    day_x = "day => flashpoint.timeline.dayX(document.getElementById('timeline'), day)"
    left, right = page.evaluate(day_x, "2017-09-01"), page.evaluate(day_x, "2017-09-30")
    y = box["y"] + box["height"] / 2
    page.mouse.move(left, y)
    page.mouse.down()
    page.mouse.move(right, y, steps=8)
    page.mouse.up()
    watched.wait(before)
    query = _query(watched)
    assert "2017-08-30" <= query["since"] <= "2017-09-02"
    assert "2017-09-28" <= query["until"] <= "2017-10-01"
    window = _api(base_url, "events", since=query["since"], until=query["until"])
    assert 0 < len(window) < len(_api(base_url, "events"))
    drawn = _drawn(watched)
    assert drawn["map"]["events"] == len(window)
    reported = [
        r
        for r in _api(base_url, "relations")
        if r["last_seen"] >= query["since"] and r["first_seen"] <= query["until"]
    ]
    assert len(drawn["net"]["edges"]) == len(reported)
    assert page.locator("#filters input[name=since]").input_value() == query["since"]
    dates = {"since": query["since"], "until": query["until"]}
    brief = httpx.get(f"{base_url}/api/brief", params=dates)
    assert page.locator("#brief-view h3").inner_text() == brief.json()["title"]


def test_web_clicking_an_event_opens_its_sentence(watched, base_url):
    watched.open()
    events = {e["id"]: e for e in _api(base_url, "events")}
    spot = next(p for p in _points(watched, "event") if events[p["id"]]["type"] == "ACCUSE")
    before = watched.shown()
    watched.page.mouse.click(spot["x"], spot["y"])
    watched.wait(before)
    report = events[spot["id"]]["reports"][0]
    assert _query(watched)["doc"] == report["document_id"]
    assert _focused(watched) == report["text"]
    details = watched.page.locator("#claim-details").inner_text()
    assert "Event ACCUSE" in details and "asserted by the author" in details


def test_web_clicking_a_flashpoint_opens_its_evidence(watched, base_url):
    watched.open()
    flash = {f["place"]["id"]: f for f in _api(base_url, "flashpoints")}
    spot = _points(watched, "flashpoint")[0]
    before = watched.shown()
    # the ring's edge, away from the event dot at its centre
    watched.page.mouse.click(spot["x"] + spot["radius"] - 2, spot["y"])
    watched.wait(before)
    evidence = flash[spot["id"]]["evidence"][0]
    assert _query(watched)["doc"] == evidence["document"]
    assert _focused(watched) == evidence["text"]


def test_web_clicking_a_relation_opens_its_evidence(watched, base_url):
    watched.open()
    page = watched.page
    a = page.evaluate("flashpoint.network.nodePosition('usa')")
    b = page.evaluate("flashpoint.network.nodePosition('sdf')")
    before = watched.shown()
    page.mouse.click((a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    watched.wait(before)
    relation = next(
        r
        for r in _api(base_url, "relations")
        if r["type"] == "patron_of" and r["source_id"] == "usa"
    )
    evidence = relation["evidence"][0]
    assert _query(watched)["doc"] == evidence["document_id"]
    assert _focused(watched) == evidence["text"]
    details = page.locator("#claim-details").inner_text()
    assert "Relation patron_of" in details and "asserted by the author" in details


def test_web_briefing_citations_open_documents(watched, base_url):
    watched.open()
    link = watched.page.locator("#brief-view a.cite").first
    target = link.get_attribute("data-document")
    before = watched.shown()
    link.click()
    watched.wait(before)
    assert _query(watched)["doc"] == target
    title = httpx.get(f"{base_url}/api/documents/{target}").json()["document"]["title"]
    assert watched.page.locator("#doc-view h3").inner_text() == title


def test_web_hostile_article_is_shown_as_text(watched, base_url, hostile_article):
    title, text = hostile_article["title"], hostile_article["text"]
    hostile = next(d for d in _api(base_url, "documents") if d["title"] == title)
    watched.open(f"?doc={hostile['id']}")
    view = watched.page.locator("#doc-view")
    assert view.locator("h3").inner_text() == title
    assert view.locator(".article-text").inner_text() == text
    # no element came out of the article: no script, image, link or event handler
    assert view.locator(".article-text script, .article-text img, .article-text a").count() == 0
    assert (
        watched.page.evaluate(
            "[...document.querySelectorAll('*')].filter(n => [...n.attributes]"
            ".some(a => a.name.startsWith('on'))).length"
        )
        == 0
    )
    hrefs = watched.page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    marked = view.locator(".article-text span.hl-actor, .article-text span.hl-place").all()
    assert len(marked) >= 3
    for span in marked:
        span.click()  # clicking highlights of the hostile text runs nothing either
    assert view.locator("#claim-details li").count() >= 1
    assert watched.dialogs == []


def test_web_docs_are_served_from_the_package(watched, base_url):
    watched.page.goto(f"{base_url}/docs")
    watched.page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    assert "flashpoint" in watched.page.locator(".swagger-ui .info .title").inner_text()
    assert watched.page.locator(".opblock-summary-path").count() >= 10
    assert any(u.endswith("/static/docs/swagger-ui-bundle.js") for u in watched.requests)
