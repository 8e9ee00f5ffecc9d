"""The data layer: YAML loaded with positions (loader), the schema (schema), the validated Site (model),
its JSON Schemas for editors (jsonschema) and skeletons for new entries (scaffold)."""
