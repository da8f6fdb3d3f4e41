// Agent: see DESIGN.md. (placeholder until the module lands)
