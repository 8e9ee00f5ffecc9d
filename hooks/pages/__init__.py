"""The pages layer: Markdown parsed with source maps (markdown), hand-written pages (content), generated pages
(render), navigation (nav), page metadata (seo), escaping (escape) and where text came from (origin)."""
