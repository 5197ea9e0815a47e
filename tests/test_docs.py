"""README.md stays true to the code: it opens with the two commands and documents every setting."""

import re
from pathlib import Path

from heraldo.core.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"
FENCED_BLOCK = re.compile(r"^```[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
SETTING_NAME = re.compile(r"\bHERALDO_[A-Z0-9_]+\b")
TABLE_ROW_NAME = re.compile(r"^\|\s*`(HERALDO_[A-Z0-9_]+)`\s*\|", re.MULTILINE)


def readme() -> str:
    return README.read_text(encoding="utf-8")


def setting_names() -> set[str]:
    """The environment variable of every setting: the prefix plus the field name in upper case."""
    prefix = Settings.model_config["env_prefix"]
    return {f"{prefix}{field}".upper() for field in Settings.model_fields}


def test_readme_opens_with_the_two_commands():
    text = readme()
    first_block = FENCED_BLOCK.search(text)
    assert first_block, "README.md has no fenced code block"
    before = text[: first_block.start()]
    assert not re.search(r"^##", before, re.MULTILINE), "the two commands must come before the first section"
    commands = [line.split("#", 1)[0].strip() for line in first_block.group(1).splitlines() if line.strip()]
    assert "make run" in commands and "make test" in commands, f"first block of README.md: {commands}"


def test_readme_mentions_every_setting():
    mentioned = set(SETTING_NAME.findall(readme()))
    missing = sorted(setting_names() - mentioned)
    assert not missing, f"settings missing from README.md: {missing}"


def test_configuration_table_lists_exactly_the_settings():
    rows = TABLE_ROW_NAME.findall(readme())
    assert len(rows) == len(set(rows)), f"settings listed twice in README.md: {sorted(rows)}"
    assert set(rows) == setting_names(), (
        f"README.md configuration table: missing {sorted(setting_names() - set(rows))}, "
        f"not settings {sorted(set(rows) - setting_names())}"
    )
