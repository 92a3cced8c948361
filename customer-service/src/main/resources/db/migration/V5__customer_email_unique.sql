-- One customer per e-mail address (the domain's EmailUniqueness checks it first; this decides between two
-- concurrent writes). Addresses are stored in lower case (Email), so this compares them case-insensitively.
ALTER TABLE customer ADD CONSTRAINT customer_email_unique UNIQUE (email);
