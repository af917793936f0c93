#!/usr/bin/env bash
# Refresh the translation sources from the code, then compile them for the app.
#   tools/update_translations.sh          lupdate (new strings appear in resources/i18n/*.ts) + lrelease
# Translators edit resources/i18n/monodesk_fr.ts (Qt Linguist or any editor); the .qm files are built
# from them and shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
# The same folders as tests/test_i18n.py (TEXT_FOLDERS); the patterns reach into subfolders.
sources=$(git ls-files --cached --others --exclude-standard 'ui/*.py' 'desktop/*.py' 'services/*.py' \
  'tools/*.py' | tr '\n' ' ')
for lang in fr; do
  uv run --locked pyside6-lupdate -no-obsolete $sources -ts "resources/i18n/monodesk_${lang}.ts"
  uv run --locked pyside6-lrelease "resources/i18n/monodesk_${lang}.ts" -qm "resources/i18n/monodesk_${lang}.qm"
done
