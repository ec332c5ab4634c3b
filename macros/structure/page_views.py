"""The views a hand-written page (docs/*.md) may call, by name: the vocabulary of `{{ name(...) }}`.

Validation checks pages against these names without importing the rendering side; views/page_views.py
registers a view with its template for each (tests/test_architecture.py checks the two agree)."""

from __future__ import annotations

VIEW_NAMES = frozenset({
    "age_example", "changes_page", "committee_page", "committees_overview", "currency_rule", "goal_page",
    "goals_overview", "indicator_page", "indicators_overview", "latest_follow_up", "mission_page",
    "missions_overview", "news_overview", "news_page", "open_data_page", "report_contact", "start_page",
    "status_legend",
})
# Views that render words inside a hand-written sentence, not a block of their own.
INLINE_VIEWS = frozenset({"age_example", "latest_follow_up"})
