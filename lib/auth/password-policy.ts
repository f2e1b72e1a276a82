// Shared by forms (client) and server; keep it free of server-only imports.
// Which new passwords are refused (docs/threat-model.md): too short, a common password or a common word with
// decorations (capitals, digits, l33t, a year, "!"), a keyboard walk or a run like "abcdef"/"123456", one
// character or a short block repeated, or the account's own email name. The list is generated here from
// well-known patterns instead of shipping a third-party list file; it stays small because the rules catch the
// variants.
export const MIN_PASSWORD_LENGTH = 12;

const COMMON_WORDS = (
  "password passwort passe contrasena senha secret letmein welcome admin administrator root toor login master " +
  "changeme default guest test tester user access private qwerty azerty qwertz iloveyou loveyou lovely love " +
  "monkey dragon football baseball basketball soccer hockey sunshine princess shadow superman batman spiderman " +
  "trustno whatever starwars computer internet freedom killer pokemon naruto charlie michael jennifer jordan " +
  "thomas hunter ranger buster soccer harley tigger summer winter spring autumn flower cookie chocolate cheese " +
  "pepper ginger snoopy mustang corvette ferrari porsche mercedes yankees cowboys liverpool chelsea arsenal " +
  "barcelona madrid keyhold workato database server console company business office manager support service " +
  "hello helloworld goodbye blink matrix zombie ninja samurai wizard merlin gandalf hobbit google facebook " +
  "apple samsung microsoft windows linux ubuntu oracle postgres mysql america canada london berlin paris " +
  "january february march april june july august september october november december monday friday"
).split(" ");

const KEYBOARD_ROWS = ["12345678901234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn", "qwertzuiop", "yxcvbnm"];
const KEYBOARD_WALKS = [
  "1qaz2wsx3edc",
  "qazwsxedc",
  "zaq12wsx",
  "1q2w3e4r5t6y",
  "q1w2e3r4t5y6",
  "qweasdzxc",
  "asdqwe",
  "zxcasdqwe",
  "poiuytrewq",
  "mnbvcxz",
  "lkjhgfdsa",
];

/** The generated list: common words and walks, with the decorations people add to pass length rules. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  [...COMMON_WORDS, ...KEYBOARD_WALKS].flatMap((w) =>
    ["", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "123!", "01", "2024", "2025", "2026", "007", "69", "99"].map((s) => w + s),
  ),
);

const LEET: Record<string, string> = { "@": "a", "4": "a", "8": "b", "3": "e", "1": "i", "!": "i", "0": "o", $: "s", "5": "s", "7": "t", "+": "t", "9": "g" };

/** Lower case, l33t undone, digits and symbols around the letters dropped: "P@ssw0rd2024!" → "password". */
function core(password: string): string {
  const middle = password.toLowerCase().replace(/^[^a-z]+|[^a-z]+$/g, "");
  return [...middle].map((c) => LEET[c] ?? c).join("");
}

/** True when every step between neighbours is the same +1/-1 (abcdef, 987654) or follows a keyboard row. */
function isRun(text: string): boolean {
  if (text.length < 4) return false;
  const rows = [...KEYBOARD_ROWS, "abcdefghijklmnopqrstuvwxyz", "0123456789"].flatMap((r) => [r, [...r].reverse().join("")]);
  if (rows.some((r) => r.includes(text))) return true;
  const step = text.charCodeAt(1) - text.charCodeAt(0);
  return Math.abs(step) === 1 && [...text].every((c, i) => i === 0 || c.charCodeAt(0) - text.charCodeAt(i - 1) === step);
}

/** "aaaaaaaaaaaa", "abcabcabcabc", "passwordpassword": a block of at most half the length, repeated. */
function isRepetition(text: string): boolean {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return true;
  }
  return false;
}

export const COMMON_PASSWORD_MESSAGE = "This password is too easy to guess: it is a common password or a simple pattern. Use a few unrelated words instead.";
export const REPETITIVE_PASSWORD_MESSAGE = "This password is too repetitive or a simple sequence. Use a few unrelated words instead.";
export const EMAIL_IN_PASSWORD_MESSAGE = "Do not use your email address or name in your password.";

/** Why a new password is refused, or null. Length is checked by the schema; this is about guessability. */
export function passwordProblem(password: string, email?: string): string | null {
  const lower = password.toLowerCase();
  const c = core(password);
  if (isRepetition(lower) || isRun(lower) || (c.length > 0 && (isRepetition(c) || isRun(c)))) return REPETITIVE_PASSWORD_MESSAGE;
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(c) || splitsIntoCommon(c)) return COMMON_PASSWORD_MESSAGE;
  const local = email?.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 3 && (lower.includes(local) || c.includes(local))) return EMAIL_IN_PASSWORD_MESSAGE;
  return null;
}

/** "adminpassword", "qwertyletmein": two list entries glued together. */
function splitsIntoCommon(text: string): boolean {
  for (let i = 3; i <= text.length - 3; i++) {
    if (COMMON_PASSWORDS.has(text.slice(0, i)) && COMMON_PASSWORDS.has(text.slice(i))) return true;
  }
  return false;
}
