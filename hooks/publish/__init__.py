"""The publish layer: one run of load, render and check (engine), the atomic build (atomic), checks beside a
running server (background), and the export for other engines (export)."""
