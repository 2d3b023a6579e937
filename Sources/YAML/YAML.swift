// YAML module: see DESIGN.md.
