import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scorm12Manifest, scorm2004Manifest } from '../testing/scorm-packages.js';
import { applyParameters, parseManifest, resolveHref } from './manifest.js';

describe('parseManifest', () => {
  it('reads a SCORM 1.2 multi-SCO manifest: nested items, hidden items, mastery score', () => {
    const m = parseManifest(
      scorm12Manifest({ title: 'Safety', scoCount: 3, hidden: 2, masteryScore: 70 }),
    );
    assert.equal(m.version, 'SCORM_12');
    assert.equal(m.schemaVersion, '1.2');
    assert.equal(m.title, 'Safety');
    assert.equal(m.scoCount, 3);
    assert.deepEqual(
      m.items.map((i) => [i.identifier, i.visible, i.launchPath, i.masteryScore, i.scormType]),
      [
        ['item_1', true, 'lesson1/index.html', 70, 'sco'],
        ['item_2', true, 'lesson2/index.html', 70, 'sco'],
        ['item_3', false, 'lesson3/index.html', 70, 'sco'],
      ],
    );
  });

  it('reads 2004 3rd edition thresholds, passing score and objectives', () => {
    const m = parseManifest(
      scorm2004Manifest({ edition: 3, completionThreshold: 0.8, passingScore: 0.6 }),
    );
    assert.equal(m.version, 'SCORM_2004');
    assert.equal(m.schemaVersion, '2004 3rd Edition');
    const [item] = m.items;
    assert.equal(item!.completionThreshold, 0.8);
    assert.equal(item!.scaledPassingScore, 0.6);
    assert.deepEqual(item!.objectiveIds, ['topic_1_mastered', 'topic_1_practice']);
    assert.equal(item!.dataFromLms, 'topic=1');
  });

  it('reads 2004 4th edition completionThreshold attributes', () => {
    const [item] = parseManifest(scorm2004Manifest({ edition: 4, completionThreshold: 0.5 })).items;
    assert.equal(item!.completionThreshold, 0.5);
    assert.equal(item!.completedByMeasure, true);
    assert.equal(item!.progressWeight, 1);
    assert.equal(item!.scaledPassingScore, null);
  });

  const manifest = (body: string, extra = '') => `<?xml version="1.0"?>
<manifest identifier="m" ${extra} xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schemaversion>1.2</schemaversion></metadata>${body}</manifest>`;

  it('joins the xml:base chain, the href and the item parameters', () => {
    const m = parseManifest(
      manifest(
        `<organizations default="o"><organization identifier="o"><title>T</title>
          <item identifier="i" identifierref="r" parameters="?lang=en"><title>I</title></item></organization></organizations>
        <resources xml:base="content/"><resource identifier="r" adlcp:scormtype="sco" xml:base="module%201/" href="start.html?mode=x"/></resources>`,
        'xml:base="pkg/"',
      ),
    );
    assert.equal(m.items[0]!.launchPath, 'pkg/content/module 1/start.html');
    assert.equal(m.items[0]!.launchQuery, '?mode=x&lang=en');
  });

  it('matches tag names and the SCORM type without regard to case', () => {
    const m =
      parseManifest(`<?xml version="1.0"?><MANIFEST IDENTIFIER="m"><ORGANIZATIONS DEFAULT="o"><ORGANIZATION IDENTIFIER="o"><TITLE>Upper</TITLE>
      <ITEM IDENTIFIER="i" IDENTIFIERREF="r"><TITLE>I</TITLE></ITEM></ORGANIZATION></ORGANIZATIONS>
      <RESOURCES><RESOURCE IDENTIFIER="r" ADLCP:SCORMTYPE="SCO" HREF="index.html"/></RESOURCES></MANIFEST>`);
    assert.equal(m.title, 'Upper');
    assert.equal(m.items[0]!.scormType, 'sco');
  });

  it('falls back to the first organization when the default names none', () => {
    const m = parseManifest(
      manifest(`<organizations default="missing"><organization identifier="first"><title>First</title>
        <item identifier="i" identifierref="r"><title>I</title></item></organization></organizations>
        <resources><resource identifier="r" adlcp:scormtype="sco" href="a.html"/></resources>`),
    );
    assert.equal(m.organizationIdentifier, 'first');
  });

  const refusals: Array<[string, string, RegExp]> = [
    ['malformed XML', '<manifest><organizations>', /not well-formed/],
    ['entity declarations', '<!DOCTYPE m [<!ENTITY a "x">]><manifest/>', /entities/],
    ['no organization', manifest('<organizations/><resources/>'), /no <organization>/],
    [
      'a missing resource',
      manifest(
        `<organizations><organization identifier="o"><item identifier="i" identifierref="nope"/></organization></organizations><resources/>`,
      ),
      /resource nope/,
    ],
    [
      'no SCO',
      manifest(
        `<organizations><organization identifier="o"><item identifier="i" identifierref="r"/></organization></organizations><resources><resource identifier="r" adlcp:scormtype="asset" href="a.html"/></resources>`,
      ),
      /no SCO/,
    ],
    [
      'an href leaving the package',
      manifest(
        `<organizations><organization identifier="o"><item identifier="i" identifierref="r"/></organization></organizations><resources><resource identifier="r" adlcp:scormtype="sco" href="../../etc/passwd"/></resources>`,
      ),
      /outside the package/,
    ],
  ];
  for (const [name, xml, message] of refusals) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => parseManifest(xml),
        (err: Error & { extensions?: { code?: string } }) => {
          assert.equal(err.extensions?.code, 'INVALID_PACKAGE');
          assert.match(err.message, message);
          return true;
        },
      );
    });
  }
});

describe('launch URL joining', () => {
  const cases: Array<[string, string | null, string]> = [
    ['', '?a=1', '?a=1'],
    ['', 'a=1', '?a=1'],
    ['?x=1', '?a=1', '?x=1&a=1'],
    ['?x=1', '&a=1', '?x=1&a=1'],
    ['', '#slide2', '#slide2'],
    ['#top', '#slide2', '#top'],
    ['?x=1#top', 'a=1', '?x=1&a=1#top'],
    ['?x=1', null, '?x=1'],
  ];
  for (const [rest, params, expected] of cases) {
    it(`joins "${rest}" with ${JSON.stringify(params)} as "${expected}"`, () =>
      assert.equal(applyParameters(rest, params), expected));
  }

  it('keeps absolute URLs as external launches', () => {
    assert.deepEqual(resolveHref([undefined], 'https://example.com/course?x=1', 'r'), {
      path: 'https://example.com/course',
      query: '?x=1',
      external: true,
    });
  });
});
