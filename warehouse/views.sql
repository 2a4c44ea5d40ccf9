-- Analysts' views. Each is documented with an example query in docs/queries.md.

-- One row per quote, with who said it and the article it appeared in.
CREATE OR REPLACE VIEW quote_attributions AS
SELECT
    q.quote_id,
    q.text AS quote,
    q.kind,
    coalesce(q.speaker_name, q.speaker) AS speaker_name,
    q.speaker AS speaker_as_written,
    q.cue,
    a.title,
    a.url,
    a.published_at,
    q.article_id
FROM quotes AS q
JOIN articles AS a USING (article_id);

-- Mentions per entity per day (publication day; ingest day when unknown).
CREATE OR REPLACE VIEW entity_daily AS
SELECT
    e.entity_id,
    e.name,
    e.label,
    CAST(coalesce(a.published_at, a.ingested_at) AS DATE) AS day,
    count(*) AS mentions,
    count(DISTINCT m.article_id) AS articles
FROM mentions AS m
JOIN entities AS e USING (entity_id)
JOIN articles AS a USING (article_id)
GROUP BY ALL;

-- Pairs of distinct entities mentioned in one sentence, with how often.
CREATE OR REPLACE VIEW cooccurrence AS
WITH pairs AS (
    SELECT DISTINCT a.article_id, a.sentence_id, a.entity_id AS entity_a, b.entity_id AS entity_b
    FROM mentions AS a
    JOIN mentions AS b
        ON a.article_id = b.article_id AND a.sentence_id = b.sentence_id AND a.entity_id < b.entity_id
)
SELECT
    p.entity_a,
    ea.name AS name_a,
    p.entity_b,
    eb.name AS name_b,
    count(*) AS sentences,
    count(DISTINCT p.article_id) AS articles
FROM pairs AS p
JOIN entities AS ea ON ea.entity_id = p.entity_a
JOIN entities AS eb ON eb.entity_id = p.entity_b
GROUP BY ALL;

-- People quoted most, by resolved name.
CREATE OR REPLACE VIEW top_speakers AS
SELECT
    coalesce(speaker_name, speaker) AS speaker_name,
    speaker_entity_id,
    count(*) AS quotes,
    count(DISTINCT article_id) AS articles
FROM quotes
WHERE coalesce(speaker_name, speaker) IS NOT NULL
GROUP BY ALL
ORDER BY quotes DESC;
