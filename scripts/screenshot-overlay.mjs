#!/usr/bin/env node
// Screenshots of the demo as a newcomer first sees it: the click overlay on the shop's product page
// after `pnpm simulate`, at a laptop's and a phone's width, with the built extension (`pnpm build`):
//   node scripts/screenshot-overlay.mjs [--out docs/img] [--path /product/1]
// writes shop-overlay-1280.png and shop-overlay-390.png. The simulator's clicks are the SDK's
// events recorded in Chromium, so the heat sits on the buttons visitors clicked.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startOverlayRig } from '@heatlens/testkit/overlay-rig';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'docs/img' }, path: { type: 'string', default: '/product/1' } },
});
const SIMULATE = fileURLToPath(new URL('./simulate.mjs', import.meta.url));

for (const width of [1280, 390]) {
  const rig = await startOverlayRig({ ownerPath: values.path, kind: 'click', redis: false, width });
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [
      SIMULATE,
      '--collector',
      rig.collector.url,
      '--shop',
      rig.shop.url,
      '-n',
      '40',
      '--spread',
      '0',
      '--speed',
      '1000',
      '--seed',
      '24',
    ]);
    console.log(stdout.split('\n').find((l) => l.startsWith('Accepted')));
    const refused = stdout.split('\n').find((l) => l.startsWith('Not accepted'));
    if (refused) console.error(refused);
    await rig.owner.waitForTimeout(3000); // the next frames draw the new clicks
    const file = join(values.out, `shop-overlay-${width}.png`);
    await rig.owner.screenshot({ path: file });
    console.log(`wrote ${file}`);
  } finally {
    await rig.close();
  }
}
