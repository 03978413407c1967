"""Reads the running game's accessibility tree the way Orca does (AT-SPI over
D-Bus) and checks what a screen-reader user would hear: the statement to
sort, the three answer buttons and the hint; then answers with the keyboard
and checks that the feedback is announced. Run by scripts/a11y-check.sh,
which starts the buses, the X server and the game.

Usage: a11y-check.py OUT_FILE   (writes the trees it read to OUT_FILE)
"""
import sys
import time

import pyatspi

APP = "fact-sorter"
WAIT_SECONDS = 90


def tree(node, depth=0, found=None):
    """Lines of "role: name" for `node` and everything below it; `found`
    collects the nodes by line."""
    try:
        line = "  " * depth + f"{node.getRoleName()}: {node.name}"
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:  # a node that went away while being read
        return []
    if found is not None:
        found[line.strip()] = node
    lines = [line]
    for child in children:
        if child is not None:
            lines += tree(child, depth + 1, found)
    return lines


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == APP:
            return app
    return None


def wait_for(what, check):
    """Reads the tree until `check(lines)` is true; returns those lines."""
    deadline = time.monotonic() + WAIT_SECONDS
    lines = []
    while time.monotonic() < deadline:
        app = find_app()
        if app is not None:
            lines = tree(app)
            if check(lines):
                return lines
        time.sleep(0.5)
    print(f"a11y check: timed out waiting for {what}; the last tree read was:")
    print("\n".join(lines) or "  (the game is not in the accessibility tree)")
    sys.exit(1)


def has(lines, role, start):
    return any(line.strip().startswith(f"{role}: {start}") for line in lines)


def position(lines, role, start):
    for i, line in enumerate(lines):
        if line.strip().startswith(f"{role}: {start}"):
            return i
    return None


# What a screen-reader user meets on the question screen, in reading order.
QUESTION = [
    ("article", "Statement to sort: "),
    ("push button", "Hint"),
    ("push button", "verifiable fact (key 1"),
    ("push button", "opinion (key 2"),
    ("push button", "unsupported claim (key 3"),
]


def main():
    out = open(sys.argv[1], "w", encoding="utf-8")
    question = wait_for(
        "the question screen",
        lambda lines: all(position(lines, role, start) is not None for role, start in QUESTION),
    )
    out.write("# question screen\n" + "\n".join(question) + "\n\n")
    order = [position(question, role, start) for role, start in QUESTION]
    if order != sorted(order):
        print("a11y check: the question screen is not in reading order:")
        print("\n".join(question))
        sys.exit(1)
    statement = next(l.strip() for l in question if l.strip().startswith("article: Statement to sort: "))
    print(f"a11y check: {statement}")

    # Press "opinion" the way a screen reader does: its "click" action.
    found = {}
    tree(find_app(), 0, found)
    opinion = next(node for line, node in found.items() if line.startswith("push button: opinion (key 2"))
    actions = opinion.queryAction()
    names = [actions.getName(i) for i in range(actions.nActions)]
    if "click" not in names:
        print(f"a11y check: the opinion button offers no click action ({names})")
        sys.exit(1)
    actions.doAction(names.index("click"))
    feedback = wait_for(
        "the feedback to be announced",
        lambda lines: any("notification: " in line for line in lines)
        and (has(lines, "push button", "Next statement") or has(lines, "push button", "See results")),
    )
    out.write("# feedback screen\n" + "\n".join(feedback) + "\n")
    alert = next(l.strip() for l in feedback if "notification: " in l)
    print(f"a11y check: {alert[:160]}")
    print("a11y check passed: the statement, the answers, the hint and the feedback reach AT-SPI")


main()
