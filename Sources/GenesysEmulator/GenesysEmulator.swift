// GenesysEmulator module: see DESIGN.md.
