-- Analysts' views. Each is documented with example queries in docs/queries.md (the tests run them).
-- Kept to SQL that DuckDB 1.4 clients also understand: views live in the database file.

-- An article's outlet: the URL's host without www., else the input file's name (the load keeps it
-- in person_evidence through this macro too, so the two never disagree).
CREATE OR REPLACE MACRO article_outlet(url, canonical_url, source) AS coalesce(
    nullif(regexp_extract(coalesce(canonical_url, url), '^[a-zA-Z]+://(www\.)?([^/:?#]+)', 2), ''),
    regexp_replace(regexp_replace(source, ':[0-9]+$', ''), '^.*[/\\]', '')
);

-- Grain: one row per article: its outlet (article_outlet).
CREATE OR REPLACE VIEW article_outlets AS
SELECT a.article_id, article_outlet(a.url, a.canonical_url, a.source) AS outlet
FROM articles AS a;

-- Grain: one row per mention, its entity the one of the corpus: a bare surname the people step
-- resolved (table aliases) follows its person; `written_entity_id` is the article's own link.
CREATE OR REPLACE VIEW canonical_mentions AS
SELECT
    m.article_id,
    m.sentence_id,
    m.start_char,
    m.end_char,
    m.text,
    coalesce(e.label, m.label) AS label,
    coalesce(al.entity_id, m.entity_id) AS entity_id,
    m.entity_id AS written_entity_id,
    m.title
FROM mentions AS m
LEFT JOIN aliases AS al ON al.article_id = m.article_id AND al.alias_id = m.entity_id
LEFT JOIN entities AS e ON e.entity_id = al.entity_id;

-- Grain: one row per quote, with who said it and the article it appeared in.
-- speaker_name is the resolved person (the entity's canonical name), else the speaker as written
-- unless that is only a pronoun ("he" says nothing on its own); outlet is the URL's host, else the
-- input file's name.
CREATE OR REPLACE VIEW quote_attributions AS
WITH quotes_with_speaker AS (
    SELECT
        q.*,
        e.label AS speaker_label,
        e.gender AS speaker_gender,
        CASE
            WHEN coalesce(e.name, q.speaker_name) IS NOT NULL THEN coalesce(e.name, q.speaker_name)
            WHEN lower(trim(q.speaker)) IN (
                'he', 'she', 'they', 'i', 'we', 'you', 'it', 'him', 'her', 'them', 'his', 'hers', 'their', 'one'
            ) THEN NULL
            ELSE q.speaker
        END AS attributed_to
    FROM (
        SELECT
            q0.* REPLACE (coalesce(al.entity_id, q0.speaker_entity_id) AS speaker_entity_id),
            q0.speaker_entity_id AS written_speaker_entity_id
        FROM quotes AS q0
        LEFT JOIN aliases AS al ON al.article_id = q0.article_id AND al.alias_id = q0.speaker_entity_id
    ) AS q
    LEFT JOIN entities AS e ON e.entity_id = q.speaker_entity_id
)
SELECT
    q.quote_id,
    q.text AS quote,
    q.kind,
    q.part_of_quote_id,
    q.attribution,
    q.attributed_to AS speaker_name,
    q.speaker AS speaker_as_written,
    q.speaker_entity_id,
    q.written_speaker_entity_id,
    q.speaker_label,
    q.speaker_gender,
    q.cue,
    a.title,
    a.url,
    a.published_at,
    o.outlet,
    q.article_id,
    q.sentence_id,
    q.start_char,
    q.end_char
FROM quotes_with_speaker AS q
JOIN articles AS a USING (article_id)
JOIN article_outlets AS o USING (article_id);

-- Grain: one row per entity per day it was mentioned (publication day; ingest day when unknown).
CREATE OR REPLACE VIEW entity_daily AS
SELECT
    e.entity_id,
    e.name,
    e.label,
    CAST(coalesce(a.published_at, a.ingested_at) AS DATE) AS day,
    count(*) AS mentions,
    count(DISTINCT m.article_id) AS articles
FROM canonical_mentions AS m
JOIN entities AS e USING (entity_id)
JOIN articles AS a USING (article_id)
GROUP BY e.entity_id, e.name, e.label, day;

-- Grain: one row per unordered pair of distinct entities named in at least one same sentence
-- (entity_a < entity_b), with how many sentences and articles hold both.
CREATE OR REPLACE VIEW cooccurrence AS
WITH pairs AS (
    SELECT DISTINCT a.article_id, a.sentence_id, a.entity_id AS entity_a, b.entity_id AS entity_b
    FROM canonical_mentions AS a
    JOIN canonical_mentions AS b
        ON a.article_id = b.article_id AND a.sentence_id = b.sentence_id AND a.entity_id < b.entity_id
)
SELECT
    p.entity_a,
    ea.name AS name_a,
    ea.label AS label_a,
    p.entity_b,
    eb.name AS name_b,
    eb.label AS label_b,
    count(*) AS sentences,
    count(DISTINCT p.article_id) AS articles
FROM pairs AS p
JOIN entities AS ea ON ea.entity_id = p.entity_a
JOIN entities AS eb ON eb.entity_id = p.entity_b
GROUP BY p.entity_a, ea.name, ea.label, p.entity_b, eb.name, eb.label;

-- Grain: one row per speaker (by resolved entity when known, else by name), most quoted first.
-- `quotes` counts statements: direct quotes and reported speech, each once (a quote that continues
-- a statement or lies inside a reported one has a part_of_quote_id and is not counted again).
-- Quotes whose speaker is unknown or only a pronoun are left out.
CREATE OR REPLACE VIEW top_speakers AS
SELECT
    speaker_name,
    speaker_entity_id,
    count(*) AS quotes,
    count(DISTINCT article_id) AS articles,
    count(DISTINCT outlet) AS outlets,
    min(published_at) AS first_quoted_at,
    max(published_at) AS last_quoted_at
FROM quote_attributions
WHERE speaker_name IS NOT NULL AND part_of_quote_id IS NULL
GROUP BY speaker_name, speaker_entity_id
ORDER BY quotes DESC, speaker_name;

-- Grain: one row per outlet, month (of publication; null when undated) and gender of the people
-- quoted there (`female`, `male`, `unknown`: entities.gender, the language of the text, not
-- anyone's identity). `people` counts distinct persons (one identity across the corpus), `quotes`
-- their statements, each once; `share_women` is the women's share of the people of known gender
-- quoted in that outlet and month, `share_women_quotes` the same for statements.
CREATE OR REPLACE VIEW source_gender AS
WITH sources AS (
    SELECT
        outlet,
        CAST(date_trunc('month', published_at) AS DATE) AS month,
        speaker_entity_id,
        coalesce(speaker_gender, 'unknown') AS gender
    FROM quote_attributions
    WHERE part_of_quote_id IS NULL AND speaker_label = 'PERSON'
),
counts AS (
    SELECT outlet, month, gender, count(DISTINCT speaker_entity_id) AS people, count(*) AS quotes
    FROM sources
    GROUP BY outlet, month, gender
)
SELECT
    outlet,
    month,
    gender,
    people,
    quotes,
    round(
        sum(CASE WHEN gender = 'female' THEN people ELSE 0 END) OVER w
        / nullif(sum(CASE WHEN gender <> 'unknown' THEN people ELSE 0 END) OVER w, 0),
        3
    ) AS share_women,
    round(
        sum(CASE WHEN gender = 'female' THEN quotes ELSE 0 END) OVER w
        / nullif(sum(CASE WHEN gender <> 'unknown' THEN quotes ELSE 0 END) OVER w, 0),
        3
    ) AS share_women_quotes
FROM counts
WINDOW w AS (PARTITION BY outlet, month)
ORDER BY outlet, month NULLS LAST, gender;
