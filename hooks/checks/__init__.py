"""The checks layer: the fact checker (claims/), internal links (links), external links (site_links), and the
run over every page with data hygiene and silencing (run)."""
