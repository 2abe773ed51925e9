"""paiban serve: the editor's workbench, a local web app over an archive folder.

One module per job: `guard` keeps requests to this machine and files to the archive; `editing`
turns the YAML into the editor's fields and applies their edits with comments kept; `storage`
saves atomically with backups, undo and conflict detection; `live` lays the issue out, lists
its findings and renders only the pages that changed; `mapping` links page places and source
fields; `dropped` imports a submission dropped onto a section; `archive_view` lists the
archive and runs its rebuild; `app` wires them to HTTP routes. The pages are plain HTML, CSS
and JavaScript modules in `static/`.
"""
