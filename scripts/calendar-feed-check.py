"""Issue 16 §5: a person's calendar feed parses with a calendar library (icalendar, pinned).

Usage: calendar-feed-check.py BASE_URL USER_TOKEN. Makes the user a feed, fetches it without
credentials, and checks every event has a UID, a start, a title and no appraisal text.
"""
import json, sys, urllib.request
import icalendar

base, token = sys.argv[1], sys.argv[2]
request = urllib.request.Request(f"{base}/v1/me/calendar-feed", method="POST",
                                 headers={"Authorization": f"Bearer {token}"})
path = json.load(urllib.request.urlopen(request))["path"]
text = urllib.request.urlopen(f"{base}{path}").read()
calendar = icalendar.Calendar.from_ical(text)
events = list(calendar.walk("VEVENT"))
assert events, "the seeded reviewer has deadlines, a meeting and an observation"
for event in events:
    assert event.get("UID") and event.get("DTSTART") and event.get("SUMMARY"), event
    assert not event.get("DESCRIPTION"), "titles only: no appraisal text"
print(f"calendar feed: {len(events)} events parsed by icalendar {icalendar.__version__}")
