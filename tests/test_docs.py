"""The README documents what exists, and only that (after sqlite-utils' test_docs.py):
every command and option of the CLI, every key of a hit's JSON, every route of the web app."""

from __future__ import annotations

import re

import pytest
import typer

from conftest import ROOT
from query.cli import app
from query.hits import HIT_KEYS

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)
COMMANDS = sorted(COMMAND.commands)


def _options(name: str) -> list[str]:
    cmd = COMMAND.commands[name]
    return sorted(opt for p in cmd.params if p.param_type_name == "option" for opt in p.opts
                  if opt.startswith("--") and opt != "--help")


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented(name):
    assert re.search(rf"ressearch {name}\b", README), f"`ressearch {name}` is not in the README"


@pytest.mark.parametrize("name, option", [(n, o) for n in COMMANDS for o in _options(n)])
def test_every_option_is_documented(name, option):
    assert f"`{option}" in README or f"{option} " in README or f"{option}]" in README, \
        f"{option} of `ressearch {name}` is not in the README"


def test_every_documented_option_exists():
    known = {o for n in COMMANDS for o in _options(n)} | {"--help"}
    # The benchmark scripts' options (`python bench/run.py --sizes …`) are not the CLI's.
    cli_part = README.split("## Benchmarks")[0]
    documented = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", cli_part))
    assert documented <= known, f"documented but absent: {sorted(documented - known)}"


@pytest.mark.parametrize("key", HIT_KEYS)
def test_every_hit_key_is_documented(key):
    assert f"`{key}`" in README, f"JSON key {key!r} of a hit is not in the README"


def test_every_web_route_is_documented():
    from query.web import create_app
    import inspect

    source = inspect.getsource(create_app)
    for route in re.findall(r'Route\("([^"{]+)', source):
        assert route.rstrip("/") in README or route == "/", f"route {route} is not in the README"
