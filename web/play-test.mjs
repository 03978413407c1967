// A real play-through of the web build in headless Chromium (SwiftShader
// WebGL2), driven with the keyboard like a student would. The game logs each
// screen, phase and answer to the console (src/game/timing.rs); this script
// follows those lines, screenshots every step, and fails on any console
// error, a blank canvas, or a step that never comes.
//
// Usage: node web/play-test.mjs URL OUT_DIR [play|bare]
//   play (default): title → settings (reduced motion on, kept in the
//                   browser's local storage) → level list → player name →
//                   the last level (the short test level) → three answers
//                   with feedback → results → "Download results (CSV)",
//                   whose rows are checked → reload: the settings are back.
//   bare:           only times the bare reference app's first frame.
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [url, outDir, mode = "play"] = process.argv.slice(2);
if (!url || !outDir) {
  console.error("usage: node web/play-test.mjs URL OUT_DIR [play|bare]");
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const STEP_TIMEOUT_MS = 180_000; // SwiftShader on two cores is slow to start.
const lines = [];
const errors = [];
const waiters = [];

function onLine(type, text) {
  const at = Date.now() - navigationStart;
  lines.push({ at, type, text });
  if (type === "error") errors.push(text);
  for (const waiter of [...waiters]) {
    if (waiter.pattern.test(text)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(at);
    }
  }
}

// Resolves with the time (ms since navigation) of the next console line
// matching `pattern`.
function nextLine(pattern, what) {
  return new Promise((resolve, reject) => {
    const waiter = { pattern, resolve };
    waiters.push(waiter);
    setTimeout(() => {
      if (waiters.includes(waiter)) {
        reject(new Error(`timed out waiting for ${what} (${pattern})`));
      }
    }, STEP_TIMEOUT_MS);
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = await browser.newPage({
  viewport: { width: 1280, height: 720 },
  acceptDownloads: true,
});
page.on("console", (message) => onLine(message.type(), message.text()));
page.on("pageerror", (error) => onLine("error", `page error: ${error.message}`));
page.on("response", (response) => {
  if (response.status() >= 400) onLine("error", `HTTP ${response.status()}: ${response.url()}`);
});
page.on("requestfailed", (request) =>
  onLine("error", `request failed: ${request.url()} ${request.failure()?.errorText}`),
);

let shot = 0;
const steps = [];
// Saves a screenshot and checks that the canvas shows more than one colour.
async function screenshot(name) {
  await page.waitForTimeout(400); // let the frame after the change be drawn
  const png = await page.screenshot();
  const file = join(outDir, `${String(++shot).padStart(2, "0")}-${name}.png`);
  writeFileSync(file, png);
  const colours = await page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const seen = new Set();
    for (let i = 0; i < pixels.length && seen.size < 1000; i += 4 * 7) {
      seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
    }
    return seen.size;
  }, png.toString("base64"));
  if (colours < 3) throw new Error(`${file} is blank (${colours} colour(s))`);
  steps.push(`${name}: ${file} (${colours}+ colours)`);
}

const PLAYER = "Class 7B";

// The downloaded CSV: the header, then one row per answer with the player's
// name and the test level's file.
function checkResultsCsv(text, answers) {
  const lines = text.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  const header = lines[0].split(",");
  for (const column of ["time", "player", "level file", "statement", "answer", "correct answer"]) {
    if (!header.includes(column)) throw new Error(`results CSV has no "${column}" column: ${lines[0]}`);
  }
  const rows = lines.slice(1);
  if (rows.length !== answers) {
    throw new Error(`results CSV has ${rows.length} rows, expected ${answers}:\n${text}`);
  }
  for (const row of rows) {
    if (!row.includes(PLAYER) || !row.includes("zz-web-test.ron")) {
      throw new Error(`results row lacks the player or the level file: ${row}`);
    }
  }
}

async function key(name) {
  await page.keyboard.press(name);
}

const navigationStart = Date.now();
let failure = null;
try {
  const firstFrame = nextLine(/first frame drawn/, "the first frame");
  const title = mode === "play" ? nextLine(/screen: Title/, "the title screen") : null;
  const defaults =
    mode === "play"
      ? nextLine(/settings: .*reduced_motion: false.*\(browser storage\)/, "the default settings")
      : null;
  await page.goto(url);
  const firstFrameMs = await firstFrame;
  console.log(`FIRST_FRAME_MS=${firstFrameMs}`);
  if (mode === "bare") {
    await screenshot("bare");
  } else {
    const interactiveMs = await title;
    console.log(`INTERACTIVE_MS=${interactiveMs}`);
    await defaults;
    await screenshot("title");

    // Settings: S opens them, 3 turns reduced motion on, and it is saved.
    await key("s");
    await screenshot("settings");
    let next = nextLine(/settings saved: .*reduced_motion: true/, "the saved setting");
    await key("3");
    await next;
    await screenshot("settings-changed");
    await key("Escape");
    await page.waitForTimeout(500); // the panel closes on the next frame

    next = nextLine(/screen: LevelSelect/, "the level list");
    await key("l");
    await next;
    await screenshot("level-list");

    // The player's name, typed the way a student would.
    await key("n");
    await page.waitForTimeout(1000); // a student reads the panel first
    await page.keyboard.type(PLAYER);
    await screenshot("player-name");
    await key("Enter");

    // The test level is last in the list (its file name sorts last).
    await key("End");
    await screenshot("level-list-end");
    next = nextLine(/phase: Question/, "the first question");
    await key("Enter");
    await next;
    await screenshot("question-1");

    const answers = ["1", "2", "3"];
    for (let i = 0; i < answers.length; i++) {
      const feedback = nextLine(/phase: Feedback/, `feedback ${i + 1}`);
      const answered = nextLine(/answer: /, `answer ${i + 1}`);
      await key(answers[i]);
      await answered;
      await feedback;
      await screenshot(`feedback-${i + 1}`);
      next =
        i + 1 < answers.length
          ? nextLine(/phase: Question/, `question ${i + 2}`)
          : nextLine(/screen: Results/, "the results screen");
      await key("Enter");
      await next;
      if (i + 1 < answers.length) await screenshot(`question-${i + 2}`);
    }
    await screenshot("results");

    // "Download results (CSV)": the browser gets a file with one row per answer.
    const download = page.waitForEvent("download", { timeout: STEP_TIMEOUT_MS });
    await key("d");
    const file = await download;
    const saved = join(outDir, file.suggestedFilename());
    await file.saveAs(saved);
    checkResultsCsv(readFileSync(saved, "utf8"), answers.length);
    steps.push(`download: ${saved} (${answers.length} rows for ${PLAYER})`);

    // A new visit: the settings come back from local storage.
    next = nextLine(/settings: .*reduced_motion: true.*\(browser storage\)/, "the kept settings");
    const titleAgain = nextLine(/screen: Title/, "the title screen after reloading");
    await page.reload();
    await next;
    await titleAgain;
    await screenshot("title-after-reload");
  }
} catch (error) {
  failure = error;
}
await browser.close();

for (const step of steps) console.log(`  ok  ${step}`);
if (errors.length > 0) {
  console.log("console errors:");
  for (const error of errors) console.log(`  ${error}`);
}
if (failure || errors.length > 0) {
  console.log("last console lines:");
  for (const line of lines.slice(-25)) console.log(`  [${line.at} ms ${line.type}] ${line.text}`);
  console.log(`FAILED: ${failure ? failure.message : `${errors.length} console error(s)`}`);
  process.exit(1);
}
console.log(`PASSED: ${steps.length} screenshots in ${outDir}`);
