#!/usr/bin/env python3
"""Validate govsim scenario files against the JSON Schema printed by `govsim schema`.

An independent check of the schema (used by the CLI tests): the YAML is read with PyYAML and
validated with the `jsonschema` package (draft-07), not with govsim's own loader.

Usage: scripts/validate-schema.py SCHEMA.json FILE.yaml [FILE.yaml ...]

Prints `FILE: OK`, or one line `FILE: <path in the document>: <message>` per problem.
Exit status: 0 when every file is valid, 1 when a file is invalid, 2 on a usage error or
when jsonschema/PyYAML are missing (install them with
`python3 -m pip install jsonschema pyyaml`).
"""
import json
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:  # pragma: no cover - reported to the caller
    print(f"validate-schema: {error}; install with: python3 -m pip install jsonschema pyyaml", file=sys.stderr)
    sys.exit(2)


class ScenarioLoader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 floats (`1e-3` is a number, as it is for govsim)."""


ScenarioLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
                   |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
                   |[-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
                   |[-+]?\.(?:inf|Inf|INF)
                   |\.(?:nan|NaN|NAN))$""", re.X),
    list("-+0123456789."),
)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[4], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = False
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = yaml.load(f, Loader=ScenarioLoader)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if not errors:
            print(f"{path}: OK")
            continue
        failed = True
        for error in errors:
            where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
            print(f"{path}: {where}: {error.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
