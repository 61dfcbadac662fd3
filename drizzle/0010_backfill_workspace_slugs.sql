-- Existing workspaces get a slug from their name (lower-case ASCII letters and digits joined by
-- hyphens, at most 40 characters), the oldest keeping the bare form and later namesakes a suffix
-- from their id. Names with no ASCII letters or digits become "workspace-<suffix>".
WITH base AS (
  SELECT
    id,
    created_at,
    coalesce(
      nullif(trim(BOTH '-' FROM left(trim(BOTH '-' FROM regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g')), 40)), ''),
      'workspace'
    ) AS base
  FROM workspaces
),
numbered AS (
  SELECT id, base, row_number() OVER (PARTITION BY base ORDER BY created_at, id) AS n FROM base
)
UPDATE workspaces AS w
SET slug = CASE
  WHEN numbered.n = 1 AND numbered.base <> 'workspace' THEN numbered.base
  ELSE numbered.base || '-' || substr(md5(w.id), 1, 6)
END
FROM numbered
WHERE w.id = numbered.id;
