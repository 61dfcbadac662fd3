-- Accounts created before e-mail confirmation existed could not confirm their address; they keep
-- signing in as before. Every account created from now on starts unconfirmed.
UPDATE "users" SET "email_verified" = "created_at" WHERE "email_verified" IS NULL;
