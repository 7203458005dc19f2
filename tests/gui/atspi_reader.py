"""A real AT-SPI client (pyatspi, as screen readers use): reads the accessibility tree of a
running application, or listens to the events it sends. Run with Debian's python3, which
has pyatspi (python3-pyatspi); the test runs it as a subprocess and reads its JSON.

    python3 atspi_reader.py tree APP_NAME [SECONDS]      one JSON object: the app's tree
    python3 atspi_reader.py listen APP_NAME SECONDS      JSON lines: the app's events
    python3 atspi_reader.py activate                     start the session's accessibility bus

`activate` asks the session bus for the accessibility bus (org.a11y.Bus.GetAddress), which
starts it as a desktop session would: Qt joins that bus only once it runs.
`tree` waits up to SECONDS for the application to appear on the desktop. `listen` prints
"listening" once it is registered for events, then one line per event from APP_NAME.
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi
from gi.repository import GLib

EVENTS = (
    "object:announcement",
    "object:property-change:accessible-name",
    "object:property-change:accessible-description",
    "object:state-changed:focused",
)


def _node(acc, depth: int = 0) -> dict:
    out = {
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "states": sorted(pyatspi.stateToString(s) for s in acc.getState().getStates()),
        "attributes": dict(a.split(":", 1) for a in acc.getAttributes() if ":" in a),
    }
    try:
        text = acc.queryText()
        out["text"] = text.getText(0, -1)
    except NotImplementedError:
        pass
    try:
        action = acc.queryAction()
        out["actions"] = [action.getName(i) for i in range(action.nActions)]
    except NotImplementedError:
        pass
    out["children"] = [_node(child, depth + 1) for child in acc if child is not None] if depth < 40 else []
    return out


def _find_app(name: str, seconds: float):
    deadline = time.monotonic() + seconds
    while True:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == name:
                return app
        if time.monotonic() > deadline:
            raise SystemExit(f"no application named {name!r} on the AT-SPI desktop")
        time.sleep(0.2)


def activate() -> None:
    from gi.repository import Gio

    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = bus.call_sync(
        "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress", None, None, Gio.DBusCallFlags.NONE, 20000, None
    )
    print(reply.unpack()[0], flush=True)


def tree(name: str, seconds: float) -> None:
    print(json.dumps(_node(_find_app(name, seconds))), flush=True)


def listen(name: str, seconds: float) -> None:
    _find_app(name, 20)

    def on_event(event) -> None:
        source = event.source
        try:
            app = source.getApplication().name if source is not None else ""
        except Exception:  # noqa: BLE001 - a source gone while the event travelled
            app = ""
        if app != name:
            return
        data = event.any_data
        print(
            json.dumps(
                {
                    "type": event.type,
                    "role": source.getRoleName() if source is not None else "",
                    "name": (source.name or "") if source is not None else "",
                    "detail1": event.detail1,
                    "data": data if isinstance(data, str | int | float | bool) else str(data),
                }
            ),
            flush=True,
        )

    pyatspi.Registry.registerEventListener(on_event, *EVENTS)
    GLib.timeout_add(int(seconds * 1000), lambda: pyatspi.Registry.stop() or False)
    print("listening", flush=True)
    pyatspi.Registry.start()


if __name__ == "__main__":
    if sys.argv[1:] == ["activate"]:
        activate()
        raise SystemExit(0)
    command, app_name = sys.argv[1], sys.argv[2]
    wait = float(sys.argv[3]) if len(sys.argv) > 3 else 20.0
    if command == "tree":
        tree(app_name, wait)
    elif command == "listen":
        listen(app_name, wait)
    else:
        raise SystemExit(__doc__)
