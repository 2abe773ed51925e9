"""paiban import: Word documents, plain text, Markdown and printed issues (PDF) read into source YAML.

One module per job: `docx`, `numbering`, `text`, `convert` read a submission into blocks;
`structure` finds its articles or briefs; `normalise` applies the house's punctuation rules and
lists every change; `emit` writes YAML; `into` appends to an issue in place; `pdf` reads a whole
printed issue back; `report` words the changes for the editor. Nothing here is imported by `build`.
"""
