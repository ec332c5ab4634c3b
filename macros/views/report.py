"""Where a citizen reports an error on a record page: the contact in the settings, with the page named."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from macros.content.models import Settings

REPORT_TEXT = "Rapportera fel"


def report_subject(page_title: str) -> str:
    """The subject of a report (e-mail subject or issue title): names the page it is about."""
    return f"Fel på sidan: {' '.join(page_title.split())}"


def page_address(site_url: str, page_path: str) -> str:
    """The page's address as a reader elsewhere (an e-mail, an issue) can open it: absolute under the site's
    address, site-absolute ('/mal/x/') only when the site has no address configured."""
    base = site_url if urlsplit(site_url).scheme in ("http", "https") else "/"
    return base.rstrip("/") + "/" + page_path.lstrip("/")


def report_href(settings: Settings | None, page_title: str, page_path: str) -> str | None:
    """The 'Rapportera fel' address for one page: a form or issue address (`report_url`, the subject
    added as `title`) or an e-mail (`report_email`, subject and the page's address in the body).
    None when the settings name no contact: the portal never makes one up."""
    if settings is None:
        return None
    subject = report_subject(page_title)
    if settings.report_url:
        joiner = "&" if urlsplit(settings.report_url).query else "?"
        return f"{settings.report_url}{joiner}title={quote(subject)}&body={quote('Sida: ' + page_path)}"
    if settings.report_email:
        return (f"mailto:{settings.report_email}?subject={quote(subject)}"
                f"&body={quote('Sida: ' + page_path + chr(10) + 'Vad är fel?' + chr(10))}")
    return None


def report_view(settings: Settings | None, page_title: str, page_path: str) -> dict[str, str] | None:
    """What the report line on a record page shows (templates/report.html): the link, and where it goes."""
    href = report_href(settings, page_title, page_path)
    if settings is None or href is None:
        return None
    to = urlsplit(settings.report_url).hostname if settings.report_url else settings.report_email
    return {"text": REPORT_TEXT, "href": href, "to": to or ""}


def report_contact(settings: Settings | None) -> dict[str, str | None]:
    """The contact the accessibility statement gives: the same one as 'Rapportera fel'."""
    if settings is None:
        return {"email": None, "url": None, "publisher": None}
    return {"email": settings.report_email, "url": settings.report_url, "publisher": settings.publisher_name}
