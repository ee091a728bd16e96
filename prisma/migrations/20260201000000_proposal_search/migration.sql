-- Full-text search over proposals (docs/decisions/006-full-text-search.md): an external-content
-- FTS5 index kept in step with Proposal by triggers. Prisma does not model virtual tables;
-- keep this file when regenerating migrations.
CREATE VIRTUAL TABLE "ProposalSearch" USING fts5(
    reference, title, summary, sourceQuote, leadOrganisation,
    content = 'Proposal', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER "Proposal_search_ai" AFTER INSERT ON "Proposal" BEGIN
    INSERT INTO "ProposalSearch" (rowid, reference, title, summary, sourceQuote, leadOrganisation)
    VALUES (new.rowid, new.reference, new.title, new.summary, new.sourceQuote, new.leadOrganisation);
END;

CREATE TRIGGER "Proposal_search_ad" AFTER DELETE ON "Proposal" BEGIN
    INSERT INTO "ProposalSearch" ("ProposalSearch", rowid, reference, title, summary, sourceQuote, leadOrganisation)
    VALUES ('delete', old.rowid, old.reference, old.title, old.summary, old.sourceQuote, old.leadOrganisation);
END;

CREATE TRIGGER "Proposal_search_au" AFTER UPDATE OF reference, title, summary, sourceQuote, leadOrganisation ON "Proposal" BEGIN
    INSERT INTO "ProposalSearch" ("ProposalSearch", rowid, reference, title, summary, sourceQuote, leadOrganisation)
    VALUES ('delete', old.rowid, old.reference, old.title, old.summary, old.sourceQuote, old.leadOrganisation);
    INSERT INTO "ProposalSearch" (rowid, reference, title, summary, sourceQuote, leadOrganisation)
    VALUES (new.rowid, new.reference, new.title, new.summary, new.sourceQuote, new.leadOrganisation);
END;

INSERT INTO "ProposalSearch" ("ProposalSearch") VALUES ('rebuild');
