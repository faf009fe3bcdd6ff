import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  forcedSequentialManifest,
  scorm12Manifest,
  scorm2004Manifest,
  upperCaseManifest,
  xmlBaseManifest,
} from '@courier/tests/support/scorm-packages.js';
import {
  applyParameters,
  parseManifest,
  resolveHref,
  type ManifestItem,
  type ParsedManifest,
} from './manifest.js';
import { ManifestProblem } from './manifest-problem.js';
import { declaresSequencing } from './sequencing/read-sequencing.js';

/** The expected fields only, so each row states what it is about. */
function pick<T extends object>(actual: T, expected: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.keys(expected).map((key) => [key, actual[key as keyof T]]),
  ) as Partial<T>;
}

/** A 1.2 manifest around the given organizations and resources. */
const manifest12 = (organizations: string, resources: string, rootAttributes = '') =>
  `<?xml version="1.0"?>
<manifest identifier="m" ${rootAttributes} xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o">${organizations}</organizations>
  <resources>${resources}</resources>
</manifest>`;

/** A 2004 manifest with one item whose inner XML is given. */
const manifest2004 = (itemBody: string, extra = '') => `<?xml version="1.0"?>
<manifest identifier="m" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schemaversion>2004 4th Edition</schemaversion></metadata>${extra}
  <organizations default="o"><organization identifier="o"><title>T</title>
    <item identifier="i" identifierref="r"><title>I</title>${itemBody}</item>
  </organization></organizations>
  <resources><resource identifier="r" adlcp:scormType="sco" href="a.html"/></resources>
</manifest>`;

const oneSco = (attributes = '') =>
  `<organization identifier="o"><title>T</title><item identifier="i" identifierref="r" ${attributes}><title>I</title></item></organization>`;

describe('parseManifest', () => {
  const goodPackages: Array<{
    name: string;
    xml: string;
    manifest: Partial<ParsedManifest>;
    items: Array<Partial<ManifestItem>>;
  }> = [
    {
      name: 'a SCORM 1.2 single SCO with mastery score, launch data and time limit',
      xml: scorm12Manifest({
        title: 'Fire safety',
        masteryScore: 80,
        dataFromLms: 'chapter=1',
        maxTimeAllowed: '0000:30:00',
        timeLimitAction: 'exit,message',
      }),
      manifest: {
        version: 'SCORM_12',
        schemaVersion: '1.2',
        identifier: 'com.courier.test.scorm12',
        title: 'Fire safety',
        organizationIdentifier: 'org_1',
        scoCount: 1,
        files: ['lesson1/index.html'],
      },
      items: [
        {
          identifier: 'item_1',
          title: 'Lesson 1',
          scormType: 'sco',
          visible: true,
          launchPath: 'lesson1/index.html',
          launchQuery: '',
          resourceIdentifier: 'res_1',
          masteryScore: 80,
          completionThreshold: null,
          scaledPassingScore: null,
          objectiveIds: [],
          dataFromLms: 'chapter=1',
          maxTimeAllowed: '0000:30:00',
          timeLimitAction: 'exit,message',
        },
      ],
    },
    {
      name: 'a SCORM 1.2 multi-SCO course: nested items in document order, one hidden',
      xml: scorm12Manifest({ title: 'Safety', scoCount: 3, hidden: 1, masteryScore: 70 }),
      manifest: { version: 'SCORM_12', title: 'Safety', scoCount: 3 },
      items: [
        { identifier: 'item_1', visible: true, launchPath: 'lesson1/index.html', masteryScore: 70 },
        {
          identifier: 'item_2',
          visible: false,
          launchPath: 'lesson2/index.html',
          masteryScore: 70,
        },
        { identifier: 'item_3', visible: true, launchPath: 'lesson3/index.html', masteryScore: 70 },
      ],
    },
    {
      name: 'SCORM 2004 3rd edition: element threshold, passing score, objectives, time limit',
      xml: scorm2004Manifest({
        edition: 3,
        completionThreshold: 0.8,
        passingScore: 0.6,
        maxTimeAllowed: 'PT1H30M',
        timeLimitAction: 'continue,no message',
      }),
      manifest: { version: 'SCORM_2004', schemaVersion: '2004 3rd Edition', scoCount: 1 },
      items: [
        {
          identifier: 'item_1',
          scormType: 'sco',
          launchPath: 'topic1.html',
          completionThreshold: 0.8,
          completedByMeasure: false,
          progressWeight: null,
          scaledPassingScore: 0.6,
          objectiveIds: ['topic_1_mastered', 'topic_1_practice'],
          dataFromLms: 'topic=1',
          maxTimeAllowed: 'PT1H30M',
          timeLimitAction: 'continue,no message',
          masteryScore: null,
        },
      ],
    },
    {
      name: 'SCORM 2004 4th edition: completionThreshold attributes, no passing score',
      xml: scorm2004Manifest({
        edition: 4,
        scoCount: 2,
        completionThreshold: 0.5,
        progressWeight: 0.25,
      }),
      manifest: { version: 'SCORM_2004', schemaVersion: '2004 4th Edition', scoCount: 2 },
      items: [
        {
          identifier: 'item_1',
          completionThreshold: 0.5,
          completedByMeasure: true,
          progressWeight: 0.25,
          scaledPassingScore: null,
          objectiveIds: ['topic_1_mastered', 'topic_1_practice'],
        },
        { identifier: 'item_2', completionThreshold: 0.5, launchPath: 'topic2.html' },
      ],
    },
    {
      name: 'launch URLs through the xml:base chain with item parameters',
      xml: xmlBaseManifest(),
      manifest: {
        title: 'Based course',
        scoCount: 1,
        files: ['course/content/module 1/start.html', 'course/content/end.html'],
      },
      items: [
        {
          identifier: 'item_query',
          scormType: 'sco',
          launchPath: 'course/content/module 1/start.html',
          launchQuery: '?mode=review&lang=en',
        },
        {
          identifier: 'item_fragment',
          scormType: 'asset',
          launchPath: 'course/content/end.html',
          launchQuery: '#summary',
        },
      ],
    },
    {
      name: 'a manifest in upper case: tags, attributes and the SCORM type',
      xml: upperCaseManifest(),
      manifest: { version: 'SCORM_12', title: 'Shouted course', organizationIdentifier: 'ORG_1' },
      items: [
        {
          identifier: 'ITEM_1',
          scormType: 'sco',
          visible: true,
          launchPath: 'INDEX.HTML',
          masteryScore: 80,
        },
      ],
    },
  ];
  for (const { name, xml, manifest, items } of goodPackages) {
    it(`reads ${name}`, () => {
      const parsed = parseManifest(xml);
      assert.deepEqual(pick(parsed, manifest), manifest);
      assert.deepEqual(
        parsed.items.map((item, i) => pick(item, items[i] ?? {})),
        items,
      );
    });
  }

  const versions: Array<[string, string, 'SCORM_12' | 'SCORM_2004']> = [
    ['schemaversion 1.2', '<metadata><schemaversion>1.2</schemaversion></metadata>', 'SCORM_12'],
    ['CAM 1.3', '<metadata><schemaversion>CAM 1.3</schemaversion></metadata>', 'SCORM_2004'],
    [
      '2004 2nd Edition',
      '<metadata><schemaversion>2004 2nd Edition</schemaversion></metadata>',
      'SCORM_2004',
    ],
    [
      '2004 3rd Edition',
      '<metadata><schemaversion>2004 3rd Edition</schemaversion></metadata>',
      'SCORM_2004',
    ],
    [
      '2004 4th Edition',
      '<metadata><schemaversion> 2004 4th Edition </schemaversion></metadata>',
      'SCORM_2004',
    ],
    [
      'no schemaversion, the adlcp_v1p3 namespace',
      '<x xmlns:a="http://www.adlnet.org/xsd/adlcp_v1p3"/>',
      'SCORM_2004',
    ],
    [
      'no schemaversion, the imsss namespace',
      '<x xmlns:s="http://www.imsglobal.org/xsd/imsss"/>',
      'SCORM_2004',
    ],
    [
      'no schemaversion, the adlcp_rootv1p2 namespace',
      '<x xmlns:a="http://www.adlnet.org/xsd/adlcp_rootv1p2"/>',
      'SCORM_12',
    ],
    ['nothing that tells', '', 'SCORM_12'],
  ];
  for (const [name, metadata, expected] of versions) {
    it(`tells the version from ${name}`, () => {
      const xml = `<manifest identifier="m">${metadata}<organizations>${oneSco()}</organizations>
        <resources><resource identifier="r" scormtype="sco" href="a.html"/></resources></manifest>`;
      assert.equal(parseManifest(xml).version, expected);
    });
  }

  it('uses the default organization, and the first one when the default names none', () => {
    const orgs = (defaultId: string) => `<?xml version="1.0"?>
<manifest identifier="m" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <organizations default="${defaultId}">
    <organization identifier="first"><title>First</title><item identifier="a" identifierref="r"/></organization>
    <organization identifier="second"><title>Second</title><item identifier="b" identifierref="r"/></organization>
  </organizations>
  <resources><resource identifier="r" adlcp:scormtype="sco" href="a.html"/></resources>
</manifest>`;
    assert.deepEqual(
      pick(parseManifest(orgs('second')), { organizationIdentifier: '', title: '' }),
      {
        organizationIdentifier: 'second',
        title: 'Second',
      },
    );
    assert.equal(parseManifest(orgs('missing')).organizationIdentifier, 'first');
  });

  it('titles the course by its organization, else its first item, else the manifest identifier', () => {
    const titled = (orgTitle: string, itemTitle: string) =>
      parseManifest(
        manifest12(
          `<organization identifier="o">${orgTitle}<item identifier="folder">${itemTitle}<item identifier="i" identifierref="r"/></item></organization>`,
          '<resource identifier="r" adlcp:scormtype="sco" href="a.html"/>',
        ),
      ).title;
    assert.equal(titled('<title>Org</title>', '<title>Folder</title>'), 'Org');
    assert.equal(titled('', '<title>Folder</title>'), 'Folder');
    assert.equal(titled('<title> </title>', ''), 'm');
  });

  it('hides the children of a hidden item and reads xs:boolean spellings', () => {
    const m = parseManifest(
      manifest12(
        `<organization identifier="o"><item identifier="folder" isvisible="0">
           <item identifier="inner" identifierref="r"/></item>
           <item identifier="shown" identifierref="r" isvisible="true"/></organization>`,
        '<resource identifier="r" adlcp:scormtype="sco" href="a.html"/>',
      ),
    );
    assert.deepEqual(
      m.items.map((i) => [i.identifier, i.visible]),
      [
        ['inner', false],
        ['shown', true],
      ],
    );
  });

  it("reads each cluster's SCORM 2004 control modes onto its own children", () => {
    const m = parseManifest(`<?xml version="1.0"?>
<manifest identifier="m" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>T</title>
    <item identifier="pretest" identifierref="r"><title>Pre</title></item>
    <item identifier="module"><title>Module</title>
      <item identifier="lesson" identifierref="r"><title>Lesson</title></item>
      <item identifier="unit"><title>Unit</title>
        <item identifier="page" identifierref="r"><title>Page</title></item>
      </item>
      <imsss:sequencing IDRef="ordered"/>
    </item>
    <imsss:sequencing><imsss:controlMode choice="true" flow="true"/></imsss:sequencing>
  </organization></organizations>
  <resources><resource identifier="r" adlcp:scormType="sco" href="a.html"/></resources>
  <imsss:sequencingCollection>
    <imsss:sequencing ID="ordered"><imsss:controlMode choice="false" flow="true" forwardOnly="true"/></imsss:sequencing>
  </imsss:sequencingCollection>
</manifest>`);
    assert.deepEqual(
      m.items.map((i) => [i.identifier, i.choice, i.forwardOnly]),
      [
        ['pretest', true, false],
        ['lesson', false, true],
        // Its own parent, the unit, says nothing: the module's modes stop at the module.
        ['page', true, false],
      ],
    );
  });

  it('treats a resource without adlcp:scormtype as an asset, named for the importer to look at', () => {
    const m = parseManifest(
      manifest12(
        `<organization identifier="o"><item identifier="intro" identifierref="page"/><item identifier="quiz" identifierref="sco"/></organization>`,
        `<resource identifier="page" href="intro.html"/><resource identifier="sco" adlcp:scormtype=" Sco " href="quiz.html"/>`,
      ),
    );
    assert.deepEqual(
      m.items.map((i) => [i.identifier, i.scormType]),
      [
        ['intro', 'asset'],
        ['quiz', 'sco'],
      ],
    );
    assert.equal(m.scoCount, 1);
    assert.deepEqual(m.untypedItems, ['intro']);
  });

  it('reads a package whose items are all assets, as content packaging examples are', () => {
    const m = parseManifest(
      manifest12(
        `<organization identifier="o"><item identifier="topic"><item identifier="p1" identifierref="r1"/><item identifier="p2" identifierref="r2"/></item></organization>`,
        `<resource identifier="r1" adlcp:scormtype="asset" href="Playing/Playing.html"/><resource identifier="r2" adlcp:scormtype="asset" href="Playing/Par.html"/>`,
      ),
    );
    assert.deepEqual(
      m.items.map((i) => [i.identifier, i.scormType, i.launchPath]),
      [
        ['p1', 'asset', 'Playing/Playing.html'],
        ['p2', 'asset', 'Playing/Par.html'],
      ],
    );
    assert.equal(m.scoCount, 0);
  });

  const thresholds: Array<[string, string, Partial<ManifestItem>]> = [
    [
      'completedByMeasure without minProgressMeasure: the default 1.0',
      '<adlcp:completionThreshold completedByMeasure="true"/>',
      { completionThreshold: 1, completedByMeasure: true, progressWeight: null },
    ],
    [
      'completedByMeasure="false": the threshold does not decide completion',
      '<adlcp:completionThreshold completedByMeasure="false" minProgressMeasure="0.7" progressWeight="0.5"/>',
      { completionThreshold: null, completedByMeasure: false, progressWeight: 0.5 },
    ],
    [
      'an out-of-range threshold: kept out',
      '<adlcp:completionThreshold>1.5</adlcp:completionThreshold>',
      { completionThreshold: null },
    ],
    [
      'satisfiedByMeasure without minNormalizedMeasure: the default 1.0',
      '<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true"/></imsss:objectives></imsss:sequencing>',
      { scaledPassingScore: 1, objectiveIds: ['p'] },
    ],
    [
      'minNormalizedMeasure without satisfiedByMeasure: no passing score',
      '<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="p"><imsss:minNormalizedMeasure>0.5</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives></imsss:sequencing>',
      { scaledPassingScore: null },
    ],
    [
      'a primary objective without an id: only the others are listed, once each',
      '<imsss:sequencing><imsss:objectives><imsss:primaryObjective/><imsss:objective objectiveID="x"/><imsss:objective objectiveID="x"/><imsss:objective objectiveID="y"/></imsss:objectives></imsss:sequencing>',
      { objectiveIds: ['x', 'y'] },
    ],
  ];
  for (const [name, body, expected] of thresholds) {
    it(`reads ${name}`, () => {
      const [item] = parseManifest(manifest2004(body)).items;
      assert.deepEqual(pick(item!, expected), expected);
    });
  }

  it('reads 4th-edition shared data maps, readable and not writable unless they say', () => {
    const [item] = parseManifest(
      manifest2004(
        '<adlcp:data><adlcp:map targetID="notes" writeSharedData="true"/><adlcp:map targetID="glossary"/><adlcp:map targetID="hidden" readSharedData="false"/><adlcp:map/></adlcp:data>',
      ),
    ).items;
    assert.deepEqual(item!.sharedData, [
      { targetId: 'notes', read: true, write: true },
      { targetId: 'glossary', read: true, write: false },
      { targetId: 'hidden', read: false, write: false },
    ]);
  });

  it('reads sequencing that an item shares through a sequencingCollection', () => {
    const [item] = parseManifest(
      manifest2004(
        '<imsss:sequencing IDRef="shared"/>',
        `<imsss:sequencingCollection><imsss:sequencing ID="shared">
           <imsss:limitConditions attemptAbsoluteDurationLimit="PT20M"/>
           <imsss:objectives><imsss:primaryObjective objectiveID="shared_goal" satisfiedByMeasure="true">
             <imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives>
         </imsss:sequencing></imsss:sequencingCollection>`,
      ),
    ).items;
    assert.deepEqual(pick(item!, { objectiveIds: [], scaledPassingScore: 0, maxTimeAllowed: '' }), {
      objectiveIds: ['shared_goal'],
      scaledPassingScore: 0.75,
      maxTimeAllowed: 'PT20M',
    });
  });

  it('keeps an out-of-range mastery score out', () => {
    const m = parseManifest(scorm12Manifest({ masteryScore: 120 }));
    assert.equal(m.items[0]!.masteryScore, null);
  });

  it('decodes UTF-16 with a BOM and a declared ISO-8859-1 encoding', () => {
    const xml = scorm12Manifest({ title: 'Sécurité' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    assert.equal(parseManifest(utf16).title, 'Sécurité');
    const latin1 = Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1');
    assert.equal(parseManifest(latin1).title, 'Sécurité');
  });

  const refusals: Array<[string, string, RegExp]> = [
    [
      'malformed XML, naming the line',
      '<?xml version="1.0"?>\n<manifest>\n  <organizations></organization>\n</manifest>',
      /not well-formed XML at line 3, column \d+/,
    ],
    [
      'a DOCTYPE that declares entities',
      '<!DOCTYPE m [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><manifest>&b;</manifest>',
      /declares XML entities/,
    ],
    ['a document that is not a manifest', '<html><body/></html>', /no <manifest> root/],
    [
      'no organization',
      manifest12('', '<resource identifier="r" adlcp:scormtype="sco" href="a.html"/>'),
      /no <organization>/,
    ],
    [
      'an organization without launchable items',
      manifest12('<organization identifier="o"><item identifier="folder"/></organization>', ''),
      /Organization o has no item that launches a resource/,
    ],
    [
      'an item whose resource is missing',
      manifest12(
        '<organization identifier="o"><item identifier="i" identifierref="nope"/></organization>',
        '',
      ),
      /Item i refers to resource nope, which the manifest does not define/,
    ],
    [
      'an item whose resource has no href',
      manifest12(oneSco(), '<resource identifier="r" adlcp:scormtype="sco"/>'),
      /Item i refers to resource r, which has no href/,
    ],
    [
      'an href leaving the package',
      manifest12(
        oneSco(),
        '<resource identifier="r" adlcp:scormtype="sco" href="../../etc/passwd"/>',
      ),
      /Resource r points outside the package: \.\.\/\.\.\/etc\/passwd/,
    ],
    [
      'an xml:base leaving the package',
      manifest12(
        oneSco(),
        '<resource identifier="r" adlcp:scormtype="sco" xml:base="../" href="a.html"/>',
      ),
      /points outside the package/,
    ],
    [
      'a percent-encoded climb',
      manifest12(oneSco(), '<resource identifier="r" adlcp:scormtype="sco" href="%2e%2e/a.html"/>'),
      /points outside the package/,
    ],
    [
      'a javascript: href',
      manifest12(
        oneSco(),
        '<resource identifier="r" adlcp:scormtype="sco" href="javascript:alert(1)"/>',
      ),
      /javascript: address/,
    ],
    [
      'two items with one identifier',
      manifest12(
        '<organization identifier="o"><item identifier="i" identifierref="r"/><item identifier="i" identifierref="r"/></organization>',
        '<resource identifier="r" adlcp:scormtype="sco" href="a.html"/>',
      ),
      /Two items share the identifier i/,
    ],
  ];
  for (const [name, xml, message] of refusals) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => parseManifest(xml),
        (err) => {
          assert.ok(err instanceof ManifestProblem, 'a plain typed problem, not a GraphQL error');
          assert.equal(err.code, 'INVALID_PACKAGE');
          assert.match(err.message, message);
          return true;
        },
      );
    });
  }
});

describe('launch URL joining', () => {
  const parameters: Array<[string, string | null, string]> = [
    ['', '?a=1', '?a=1'],
    ['', 'a=1', '?a=1'],
    ['', '&a=1', '?a=1'],
    ['?', 'a=1', '?a=1'],
    ['?x=1', '?a=1', '?x=1&a=1'],
    ['?x=1', '&a=1', '?x=1&a=1'],
    ['?x=1&', 'a=1', '?x=1&a=1'],
    ['', '#slide2', '#slide2'],
    ['?x=1', '#slide2', '?x=1#slide2'],
    ['#top', '#slide2', '#top'],
    ['?x=1#top', 'a=1', '?x=1&a=1#top'],
    ['', 'a=1#end', '?a=1#end'],
    ['#top', 'a=1#end', '?a=1#top'],
    ['?x=1', null, '?x=1'],
    ['?x=1', '  ', '?x=1'],
  ];
  for (const [rest, params, expected] of parameters) {
    it(`joins "${rest}" with ${JSON.stringify(params)} as "${expected}"`, () =>
      assert.equal(applyParameters(rest, params), expected));
  }

  const hrefs: Array<[string, Array<string | undefined>, string, string, string]> = [
    ['a plain href', [], 'index.html', 'index.html', ''],
    [
      'the whole xml:base chain',
      ['pkg/', 'content/', 'm1/'],
      'a.html',
      'pkg/content/m1/a.html',
      '',
    ],
    ['bases without trailing slashes', ['pkg', 'content'], 'a.html', 'pkg/content/a.html', ''],
    [
      'a root-relative href, which ignores the bases',
      ['pkg/'],
      '/shared/a.html',
      'shared/a.html',
      '',
    ],
    ['an href with its own query and fragment', [], 'a.html?x=1#p2', 'a.html', '?x=1#p2'],
    ['dot segments that stay inside', ['pkg/'], './m1/../a.html', 'pkg/a.html', ''],
    ['percent-encoding, decoded once', [], 'my%20lesson/100%25.html', 'my lesson/100%.html', ''],
    ['a stray percent sign, kept', [], 'a%zz.html', 'a%zz.html', ''],
    ['Windows separators', [], 'lesson\\index.html', 'lesson/index.html', ''],
  ];
  for (const [name, bases, href, path, query] of hrefs) {
    it(`resolves ${name}`, () =>
      assert.deepEqual(resolveHref(bases, href, 'r'), { path, query, external: false }));
  }

  it('keeps absolute http(s) URLs as external launches', () => {
    assert.deepEqual(resolveHref([undefined], 'https://example.com/course?x=1', 'r'), {
      path: 'https://example.com/course',
      query: '?x=1',
      external: true,
    });
    assert.deepEqual(resolveHref(['https://cdn.example.com/c/'], 'a.html', 'r'), {
      path: 'https://cdn.example.com/c/a.html',
      query: '',
      external: true,
    });
  });
});

describe('parseManifest: SCORM 2004 sequencing definition', () => {
  it('keeps rules, rollup, objectives and maps, delivery controls and presentation, collection entries applied', () => {
    const parsed = parseManifest(forcedSequentialManifest());
    const root = parsed.sequencing!.root;
    assert.equal(parsed.sequencing!.objectivesGlobalToSystem, false);
    assert.equal(root.id, 'golf_org');
    assert.deepEqual(pick(root.sequencingControls, { choice: false, flow: true }), {
      choice: false,
      flow: true,
    });
    const etiquette = root.children[1]!;
    assert.equal(etiquette.sequencingIdRef, 'content_seq_rules');
    assert.equal(etiquette.sequencingControls.objectiveMeasureWeight, 0);
    assert.deepEqual(etiquette.sequencingRules.preConditionRules, [
      {
        action: 'disabled',
        conditionCombination: 'any',
        conditions: [
          {
            condition: 'satisfied',
            operator: 'not',
            referencedObjective: 'previous_sco_satisfied',
            measureThreshold: 0,
          },
          {
            condition: 'objectiveStatusKnown',
            operator: 'not',
            referencedObjective: 'previous_sco_satisfied',
            measureThreshold: 0,
          },
        ],
      },
    ]);
    assert.equal(etiquette.primaryObjective!.objectiveID, 'etiquette_satisfied');
    assert.deepEqual(
      pick(etiquette.objectives[0]!.mapInfo[0]!, {
        targetObjectiveID: 'com.courier.test.forcedsequential.playing_satisfied',
        readSatisfiedStatus: true,
        writeSatisfiedStatus: false,
      }),
      {
        targetObjectiveID: 'com.courier.test.forcedsequential.playing_satisfied',
        readSatisfiedStatus: true,
        writeSatisfiedStatus: false,
      },
    );
    assert.deepEqual(etiquette.deliveryControls, {
      tracked: true,
      completionSetByContent: false,
      objectiveSetByContent: false,
    });
    assert.deepEqual(root.children[3]!.hideLmsUi, ['continue']);
    assert.equal(parsed.items[0]!.identifier, 'playing_item', 'xs:ID collapses the padding');
  });

  it('reads rollup rules, considerations, limits and adlseq objective maps', () => {
    const parsed = parseManifest(
      manifest2004(`<imsss:sequencing>
        <imsss:limitConditions attemptLimit="3"/>
        <imsss:rollupRules rollupObjectiveSatisfied="false" rollupProgressCompletion="false">
          <imsss:rollupRule childActivitySet="atLeastPercent" minimumPercent="0.5">
            <imsss:rollupConditions><imsss:rollupCondition condition="satisfied" operator="not"/></imsss:rollupConditions>
            <imsss:rollupAction action="notSatisfied"/>
          </imsss:rollupRule>
        </imsss:rollupRules>
        <imsss:objectives><imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true">
          <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>
          <imsss:mapInfo targetObjectiveID="g"/>
        </imsss:primaryObjective></imsss:objectives>
        <imsss:deliveryControls tracked="false"/>
        <adlseq:rollupConsiderations requiredForSatisfied="ifAttempted"/>
        <adlseq:objectives><adlseq:objective objectiveID="p">
          <adlseq:mapInfo targetObjectiveID="g" writeCompletionStatus="true"/>
        </adlseq:objective></adlseq:objectives>
      </imsss:sequencing>`),
    );
    const item = parsed.sequencing!.root.children[0]!;
    assert.equal(item.attemptLimit, 3);
    assert.equal(item.sequencingControls.rollupObjectiveSatisfied, false);
    assert.equal(item.sequencingControls.rollupProgressCompletion, false);
    assert.deepEqual(item.rollupRules.rules, [
      {
        action: 'notSatisfied',
        consideration: 'atLeastPercent',
        minimumCount: 0,
        minimumPercent: 0.5,
        conditionCombination: 'any',
        conditions: [{ condition: 'satisfied', operator: 'not' }],
      },
    ]);
    assert.equal(item.primaryObjective!.minNormalizedMeasure, 0.6);
    assert.deepEqual(
      pick(item.primaryObjective!.mapInfo[0]!, {
        readSatisfiedStatus: true,
        writeSatisfiedStatus: false,
        readCompletionStatus: true,
        writeCompletionStatus: true,
      }),
      {
        readSatisfiedStatus: true,
        writeSatisfiedStatus: false,
        readCompletionStatus: true,
        writeCompletionStatus: true,
      },
    );
    assert.equal(item.deliveryControls.tracked, false);
    assert.equal(item.rollupConsiderations.requiredForSatisfied, 'ifAttempted');
  });

  it('has none for SCORM 1.2', () => {
    assert.equal(parseManifest(scorm12Manifest()).sequencing, null);
  });

  it('tells a course that declares sequencing from one with objectives only, stored before it was kept too', () => {
    const cases: Array<[string, string, boolean]> = [
      ['no sequencing beyond objectives', scorm2004Manifest({ scoCount: 2 }), false],
      [
        'a hidden wrapper, objectives only',
        scorm2004Manifest({ scoCount: 2, hiddenWrapper: true }),
        false,
      ],
      [
        'a control mode on the organization',
        scorm2004Manifest({ scoCount: 2, controlMode: 'choice="true" flow="true"' }),
        true,
      ],
      ['a time limit on an item', scorm2004Manifest({ maxTimeAllowed: 'PT1H' }), true],
      ['rules shared through a collection', forcedSequentialManifest(), true],
    ];
    for (const [name, xml, declared] of cases) {
      const sequencing = parseManifest(xml).sequencing!;
      assert.equal(sequencing.declared, declared, name);
      assert.equal(declaresSequencing(sequencing), declared, name);
      const { declared: _, ...stored } = sequencing;
      assert.equal(declaresSequencing(stored), declared, `${name}, stored before`);
    }
  });
});
