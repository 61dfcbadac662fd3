-- Accounts connected before `authorized_at` existed. An active row's status last changed when it was
-- (re)connected, so that is its grant's time; other rows fall back to the first connection.
UPDATE "tiktok_accounts"
SET "authorized_at" = CASE
  WHEN "status" = 'active' THEN coalesce("status_changed_at", "connected_at")
  ELSE "connected_at"
END
WHERE "authorized_at" IS NULL;
