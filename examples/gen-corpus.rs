//! Generates a deterministic, realistic benchmark vault for `nudge`.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --contacts 100000 --seed 7 OUT
//! ```
//!
//! The vault looks like real use (see `performance.md`): nested folders, a
//! `nudge.yaml`, a README and a few notes without front matter, and contact
//! notes with 5 to 12 front matter keys, 1 to 60 touches (median about 8) in
//! the touch grammar, prose, code blocks and block quotes holding date-like
//! lines that are not touches, and about 1% broken files.
//!
//! Determinism: every contact draws from its own pseudo-random stream seeded
//! from `(seed, contact index)`, so the same `--contacts` and `--seed` give
//! byte-identical output whatever the number of writer threads. Only basic
//! IEEE operations are used on floats (no `exp`/`ln`), so the output does not
//! depend on the platform's maths library either.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

/// Errors are reported as text; this is a command-line tool.
type Error = Box<dyn std::error::Error + Send + Sync>;
/// The result type of the generator.
type Result<T, E = Error> = std::result::Result<T, E>;

/// Command line of the generator.
#[derive(Parser)]
#[command(about = "Writes a deterministic benchmark vault of contact notes for nudge")]
pub(crate) struct Args {
    /// Number of contact notes to write.
    #[arg(long, default_value_t = 1000)]
    contacts: usize,
    /// Seed of the pseudo-random generator.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// The day the timelines lead up to (touches are spread over the two years before it).
    #[arg(long, default_value = "2026-11-25", value_parser = parse_date)]
    today: i64,
    /// How the notes are written: `default` (the project's own style,
    /// unchanged for a given seed), `obsidian` (numbers, unquoted phones,
    /// URLs, date-times, empty and nested keys, unquoted wiki links,
    /// comments, CRLF, CJK and emoji names, callouts; the vault a git
    /// repository with the usual `.gitignore`) or `jekyll` (`*`, `+`
    /// and numbered bullets, nested lists, long prose, tables, code blocks,
    /// 1, 10 or 200 touches).
    #[arg(long, value_enum, default_value_t = CorpusStyle::Default)]
    style: CorpusStyle,
    /// Output folder: created when missing, must be empty.
    out: PathBuf,
}

/// The writing styles of `--style`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CorpusStyle {
    /// The project's own corpus.
    Default,
    /// An Obsidian vault's properties.
    Obsidian,
    /// A Jekyll site's posts.
    Jekyll,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen-corpus: error: {err}");
            ExitCode::from(2)
        }
    }
}

/// Generates the whole vault and prints the one-line summary (also called
/// by the differential tests in `tests/corpus.rs`).
pub(crate) fn run(args: &Args) -> Result<()> {
    let started = Instant::now();
    prepare_out_dir(&args.out)?;
    let layout = Layout::for_size(args.contacts, args.today);
    let contacts = plan_contacts(args.contacts, args.seed, &layout);
    create_dirs(&args.out, &contacts)?;
    let ctx = Ctx { out: &args.out, seed: args.seed, today: args.today, style: args.style };
    let mut stats = write_contacts(&ctx, &contacts)?;
    stats.add(write_extra_files(&ctx, args.contacts)?);
    let secs = started.elapsed().as_secs_f64();
    eprintln!("{}", stats.summary(args.contacts, secs, &args.out));
    Ok(())
}

/// Creates the output folder, refusing to mix with existing files.
fn prepare_out_dir(out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut entries = std::fs::read_dir(out).map_err(|e| format!("{}: {e}", out.display()))?;
    if entries.next().is_some() {
        return Err(format!("{} is not empty: give a new or empty folder", out.display()).into());
    }
    Ok(())
}

/// Parses a `YYYY-MM-DD` date into a day number (days since 1970-01-01).
fn parse_date(text: &str) -> Result<i64, String> {
    let bad = || format!("expected a date YYYY-MM-DD, got '{text}'");
    let mut parts = text.splitn(3, '-').map(str::parse::<u32>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let day = days_from_civil(i64::from(y), m, d);
    if !(1..=12).contains(&m) || civil_from_days(day) != (i64::from(y), m, d) {
        return Err(bad());
    }
    Ok(day)
}

// ---------------------------------------------------------------------------
// Pseudo-random numbers
// ---------------------------------------------------------------------------

/// Stream of the folder and name choices (phase 1).
const STREAM_LAYOUT: u64 = 1;
/// Stream of the note contents (phase 2).
const STREAM_CONTENT: u64 = 2;
/// Stream of the `--style` variations, apart so that the default style's
/// output does not change.
const STREAM_STYLE: u64 = 3;

/// One step of SplitMix64: advances `state` and returns a well-mixed value.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** seeded through SplitMix64: small, fast and good enough.
struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator for one `(seed, stream, index)` triple, independent of the others.
    fn new(seed: u64, stream: u64, index: u64) -> Self {
        let mut mix = seed;
        let a = splitmix64(&mut mix);
        let mut state = a ^ stream.rotate_left(48) ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let s = [splitmix64(&mut state), splitmix64(&mut state), splitmix64(&mut state), splitmix64(&mut state)];
        Self { s }
    }

    /// The next 64 random bits.
    fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = &mut self.s;
        let result = s1.wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = *s1 << 17;
        *s2 ^= *s0;
        *s3 ^= *s1;
        *s1 ^= *s2;
        *s0 ^= *s3;
        *s2 ^= t;
        *s3 = s3.rotate_left(45);
        result
    }

    /// A uniform number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A uniform number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo).max(0) as usize + 1;
        lo + self.below(span) as i64
    }

    /// A uniform float in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of `items`, uniformly (the default when empty).
    fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        items.get(self.below(items.len())).copied().unwrap_or_default()
    }

    /// One value of `items`, each drawn with probability proportional to its weight.
    fn weighted<T: Copy + Default>(&mut self, items: &[(u32, T)]) -> T {
        let total: u32 = items.iter().map(|(w, _)| w).sum();
        let mut draw = self.below(total as usize) as u32;
        for &(weight, value) in items {
            if draw < weight {
                return value;
            }
            draw -= weight;
        }
        T::default()
    }
}

// ---------------------------------------------------------------------------
// Dates (days since 1970-01-01, proleptic Gregorian; H. Hinnant's algorithms)
// ---------------------------------------------------------------------------

/// The day number of a civil date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of a day number.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Day of the week, 0 = Monday .. 6 = Sunday.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// Appends `YYYY-MM-DD`.
fn push_date(buf: &mut String, day: i64) {
    let (y, m, d) = civil_from_days(day);
    let _ = write!(buf, "{y:04}-{m:02}-{d:02}");
}

// ---------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------

const FIRST_NAMES: &[&str] = &[
    "Dana",
    "Sam",
    "Alex",
    "Jordan",
    "Taylor",
    "Morgan",
    "Casey",
    "Riley",
    "Jamie",
    "Avery",
    "Quinn",
    "Priya",
    "Wei",
    "Mei",
    "Hiroshi",
    "Yuki",
    "Amara",
    "Chidi",
    "Fatima",
    "Omar",
    "Lucia",
    "Mateo",
    "Sofia",
    "Diego",
    "José",
    "Zoë",
    "Björn",
    "Søren",
    "Anaïs",
    "François",
    "Chloé",
    "Léa",
    "Noah",
    "Liam",
    "Emma",
    "Olivia",
    "Ava",
    "Mia",
    "Ethan",
    "Lucas",
    "Ben",
    "Grace",
    "Hannah",
    "Isaac",
    "Jacob",
    "Kate",
    "Laura",
    "Mark",
    "Nina",
    "Oscar",
    "Paul",
    "Rachel",
    "Sarah",
    "Tom",
    "Uma",
    "Victor",
    "Wendy",
    "Xavier",
    "Yara",
    "Zack",
    "Aisha",
    "Ravi",
    "Arjun",
    "Ananya",
    "Kenji",
    "Sakura",
    "Min-jun",
    "Ji-woo",
    "Olu",
    "Kwame",
    "Ingrid",
    "Lars",
    "Marta",
    "Paweł",
    "Ewa",
    "Giulia",
    "Marco",
    "Elena",
    "Ivan",
    "Olga",
    "Dmitri",
    "Sven",
    "Tariq",
    "Leila",
    "Hassan",
    "Nadia",
    "Carmen",
    "Pedro",
    "Ana",
    "Rosa",
    "Miguel",
    "Erin",
    "Sean",
    "Niamh",
    "Connor",
    "Aoife",
    "Hugo",
    "Inès",
    "Maya",
    "Theo",
    "Jonas",
    "Freya",
    "Malik",
    "Keisha",
    "Andre",
    "Tomás",
    "Beatriz",
    "Rui",
    "Ayşe",
    "Emre",
    "Selin",
];

const LAST_NAMES: &[&str] = &[
    "Reyes",
    "Smith",
    "Johnson",
    "Nguyen",
    "Garcia",
    "Müller",
    "O'Brien",
    "Kowalski",
    "Tanaka",
    "Kim",
    "Patel",
    "Okafor",
    "Rossi",
    "Dubois",
    "Andersen",
    "Larsen",
    "Silva",
    "Santos",
    "Costa",
    "Chen",
    "Wang",
    "Li",
    "Zhang",
    "Singh",
    "Sharma",
    "Gupta",
    "Khan",
    "Ahmed",
    "Hassan",
    "Ali",
    "Brown",
    "Davis",
    "Miller",
    "Wilson",
    "Moore",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "Allen",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Campbell",
    "Mitchell",
    "Roberts",
    "Carter",
    "Phillips",
    "Evans",
    "Turner",
    "Torres",
    "Parker",
    "Collins",
    "Edwards",
    "Stewart",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Morgan",
    "Cooper",
    "Peterson",
    "Bailey",
    "Reed",
    "Kelly",
    "Howard",
    "Ramos",
    "Cox",
    "Ward",
    "Richardson",
    "Watson",
    "Brooks",
    "Wood",
    "James",
    "Bennett",
    "Gray",
    "Mendoza",
    "Ruiz",
    "Hughes",
    "Price",
    "Alvarez",
    "Castillo",
    "Sanders",
    "Ortiz",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Jimenez",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Becker",
    "Hoffmann",
    "Novak",
    "Horvat",
    "Kovač",
    "Nowak",
    "Wiśniewski",
    "Yamamoto",
    "Suzuki",
    "Sato",
    "Park",
    "Choi",
    "Lee",
    "Smith-Jones",
    "van der Berg",
    "de Vries",
    "Jansen",
    "Bakker",
    "Haddad",
    "Mansour",
    "Adeyemi",
    "Mensah",
    "Boateng",
    "Kariuki",
    "Ndlovu",
    "Ferreira",
    "Almeida",
    "Yılmaz",
    "Demir",
    "Şahin",
    "Ivanova",
    "Petrov",
    "Sokolov",
    "Lindqvist",
];

const COMPANY_PREFIXES: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Wonka",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Vandelay",
    "Pied Piper",
    "Aperture",
    "Black Mesa",
    "Massive",
    "Oscorp",
    "Gringotts",
    "Monarch",
    "Nakatomi",
    "Virtucon",
    "Zorg",
    "Dunder",
    "Prestige",
    "Sterling",
    "Blue Sun",
    "Abstergo",
    "Ollivander",
    "Wernham",
    "Bluth",
    "Cogswell",
    "Spacely",
    "Kramerica",
    "Gekko",
    "Duff",
    "Krusty",
    "Lacuna",
    "Veidt",
    "Weyland",
    "Yoyodyne",
    "Rekall",
    "Omni",
    "Ingen",
    "Tessier",
    "Sirius",
    "Encom",
    "Delos",
    "Hanso",
    "Dharma",
    "Octan",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Litware",
    "Adatum",
    "Proseware",
    "Wingtip",
    "Woodgrove",
    "Lucerne",
];

const COMPANY_SUFFIXES: &[&str] = &[
    "Labs",
    "Systems",
    "Health",
    "Foods",
    "Logistics",
    "Bank",
    "Analytics",
    "Robotics",
    "Media",
    "Energy",
    "Studios",
    "Capital",
    "Software",
    "Networks",
    "Pharma",
    "Retail",
    "Insurance",
    "Motors",
    "Cloud",
    "Security",
    "Biotech",
    "Partners",
    "Group",
    "Dynamics",
    "Consulting",
    "Foundry",
    "Works",
    "Digital",
    "Ventures",
    "Industries",
];

const ROLES: &[&str] = &[
    "Recruiter",
    "Senior Technical Recruiter",
    "Hiring Manager",
    "Engineering Manager",
    "Talent Partner",
    "VP Sales",
    "Head of Procurement",
    "CTO",
    "CEO",
    "Operations Lead",
    "Product Manager",
    "Director of Engineering",
    "BD Lead",
    "Partner Manager",
    "Founder",
    "Former colleague",
    "Mentor",
    "Investor",
    "Head of People",
    "IT Manager",
];

const TAGS: &[&str] = &[
    "recruiter",
    "fintech",
    "warm-intro",
    "conference",
    "vip",
    "cold",
    "referral",
    "saas",
    "healthcare",
    "berlin",
    "remote",
    "q4-push",
    "enterprise",
    "smb",
    "alumni",
    "investor",
    "mentor",
    "hiring",
    "decision-maker",
    "champion",
    "europe",
    "apac",
    "renewal",
    "trial",
];

const LOCATIONS: &[&str] = &[
    "Berlin, DE",
    "New York, NY",
    "San Francisco, CA",
    "London, UK",
    "Paris, FR",
    "São Paulo, BR",
    "Tokyo, JP",
    "Lagos, NG",
    "Toronto, CA",
    "Austin, TX",
    "Remote",
    "Amsterdam, NL",
    "Kraków, PL",
    "Bangalore, IN",
    "Sydney, AU",
];

const SOURCES: &[&str] = &[
    "LinkedIn",
    "referral from Sam",
    "SaaStr 2025 booth",
    "cold list",
    "inbound form",
    "webinar signup",
    "alumni network",
    "job board",
    "meetup",
];

const FM_NOTES: &[&str] = &[
    "Met at the Berlin meetup; prefers email.",
    "Reports to the CFO. Budget cycle starts in January.",
    "Kids play soccer with ours.",
    "Introduced by Priya. Very direct, likes numbers.",
    "Hiring for two backend roles.",
    "Was at Globex before, knows the old team.",
    "Only reachable on Tuesdays and Thursdays.",
];

const OWNERS: &[&str] = &[
    "alex", "sam", "jordan", "taylor", "morgan", "casey", "riley", "jamie", "avery", "quinn", "priya", "wei", "omar",
    "lucia", "mateo", "sofia", "diego", "noah", "emma", "olivia", "ethan", "grace", "hannah", "isaac", "kate", "laura",
    "mark", "nina", "oscar", "paul",
];

const REGIONS: &[&str] = &["emea", "amer", "apac"];
const LEAD_SOURCES: &[&str] = &["inbound", "events", "referrals"];

const SENTENCES: &[&str] = &[
    "Very friendly on the phone, but the decision sits with the finance team.",
    "They are migrating off their old CRM this quarter and everything is slow.",
    "She mentioned a reorg in the spring; budgets are frozen until it settles.",
    "He asked for references from two customers in the same industry.",
    "The team is small: four engineers, one designer and a part-time PM.",
    "Prefers short emails with a clear ask at the top.",
    "We overlapped at the 2023 conference and talked about hiring pipelines.",
    "Their fiscal year ends in June, so contracts get signed in May.",
    "Interested in the integration, worried about the security review.",
    "Knows half of the people in our network; good person to stay close to.",
    "The role is hybrid, three days in the office, salary band not shared yet.",
    "Asked me to follow up after their board meeting.",
    "Mentioned that a competitor pitched them last month.",
    "Out of office for two weeks in August.",
    "The first call went well; the second one was rushed and a bit awkward.",
    "They use spreadsheets for everything and are proud of it.",
    "Her manager is the real sponsor; she is the day-to-day contact.",
    "Pricing is not the issue; timing is.",
    "Good fit for the platform team, less so for the data team.",
    "Sent a thank-you card after the visit, it landed well.",
    "He said to ping him again if nothing moves by the end of the month.",
    "Legal review usually takes three weeks on their side.",
    "Recommended two other people to talk to at the company.",
    "Strong opinions about remote work, keep that in mind.",
    "The pilot covered one region; a full rollout would be five.",
    "Has a newborn at home, replies late in the evening.",
    "They want a case study before committing to anything.",
    "Onboarding is handled by a separate team in Lisbon.",
    "Likes to meet in person rather than on video calls.",
    "The interview loop has four rounds, including a take-home exercise.",
];

const FACTS: &[&str] = &[
    "Prefers email before 10am",
    "Assistant: Robin, handles the calendar",
    "Budget: approved for Q1",
    "Decision makers: CTO and VP Finance",
    "Competitors in the deal: Globex, Initech",
    "Allergic to shellfish (lunch!)",
    "Timezone: CET",
    "Team size: about 40",
    "Current tool: spreadsheets",
    "Renewal date of the current vendor: March",
    "Favourite topic: cycling",
];

const MEETING_TOPICS: &[&str] = &[
    "quarterly review",
    "intro call",
    "technical deep dive",
    "pricing discussion",
    "interview debrief",
    "pilot kickoff",
    "roadmap session",
];

// ---------------------------------------------------------------------------
// Folder layout (phase 1)
// ---------------------------------------------------------------------------

/// How contacts are spread over folders, scaled so that no folder holds
/// more than about 1,500 files.
struct Layout {
    /// Sub-folders of `people/` (one per team member); 1 means `people/` itself.
    owners: usize,
    /// Number of `companies/<name>/` folders.
    companies: usize,
    /// `archive/<year>/<month>/` instead of `archive/<year>/`.
    archive_by_month: bool,
    /// The year of "today": archives hold the two years before it.
    year: i64,
}

impl Layout {
    /// The layout for a vault of `n` contacts.
    fn for_size(n: usize, today: i64) -> Self {
        Self {
            owners: (n * 40 / 100).div_ceil(1500).max(1),
            companies: (n * 35 / 100 / 20).clamp(3, 1500),
            archive_by_month: n * 15 / 100 > 2 * 1500,
            year: civil_from_days(today).0,
        }
    }
}

/// Where a contact lives and who it is, decided before any content.
struct Contact {
    /// Path relative to the vault, `/`-separated.
    path: String,
    first: &'static str,
    last: &'static str,
    /// Index of the company (see [`company_name`]), if any.
    company: Option<usize>,
    /// The year of its `archive/<year>/` folder: an old relationship, mostly finished.
    archive_year: Option<i64>,
    /// The fixed, always healthy contact the benchmark logs touches on.
    sample: bool,
}

/// The path of the always-healthy sample contact (`nudge log` target in the bench).
const SAMPLE_PATH: &str = "people/dana-reyes.md";

/// Decides folder, name and file name of every contact (sequential, cheap).
fn plan_contacts(n: usize, seed: u64, layout: &Layout) -> Vec<Contact> {
    let mut taken: HashSet<String> = HashSet::with_capacity(n);
    let mut contacts = Vec::with_capacity(n);
    if n > 0 {
        taken.insert(SAMPLE_PATH.to_owned());
        contacts.push(Contact {
            path: SAMPLE_PATH.to_owned(),
            first: "Dana",
            last: "Reyes",
            company: Some(0),
            archive_year: None,
            sample: true,
        });
    }
    for i in 1..n {
        let mut rng = Rng::new(seed, STREAM_LAYOUT, i as u64);
        let first = rng.pick(FIRST_NAMES);
        let last = rng.pick(LAST_NAMES);
        let (folder, company, archive_year) = choose_folder(&mut rng, layout);
        let title_case = rng.chance(0.25);
        let stem = file_stem(first, last, title_case);
        let path = unique_path(&mut taken, &folder, &stem, title_case);
        contacts.push(Contact { path, first, last, company, archive_year, sample: false });
    }
    contacts
}

/// Picks the folder of a contact: `(folder, company index, archive year)`.
fn choose_folder(rng: &mut Rng, layout: &Layout) -> (String, Option<usize>, Option<i64>) {
    let random_company = |rng: &mut Rng| (!rng.chance(0.15)).then(|| rng.below(layout.companies));
    match rng.below(100) {
        0..40 => {
            let folder = if layout.owners == 1 {
                "people".to_owned()
            } else {
                format!("people/{}", owner_name(rng.below(layout.owners)))
            };
            (folder, random_company(rng), None)
        }
        40..75 => {
            let company = rng.below(layout.companies);
            (format!("companies/{}", slug(&company_name(company))), Some(company), None)
        }
        75..90 => {
            let year = layout.year - 2 + i64::from(rng.chance(0.7));
            let folder = if layout.archive_by_month {
                format!("archive/{year}/{:02}", rng.range(1, 12))
            } else {
                format!("archive/{year}")
            };
            (folder, random_company(rng), Some(year))
        }
        _ => {
            let folder = format!("leads/{}/{}", rng.pick(REGIONS), rng.pick(LEAD_SOURCES));
            (folder, random_company(rng), None)
        }
    }
}

/// The name of the `i`th team member (sub-folder of `people/`).
fn owner_name(i: usize) -> String {
    match OWNERS.get(i) {
        Some(name) => (*name).to_owned(),
        None => format!("rep-{:02}", i + 1),
    }
}

/// The name of the `j`th company; unique for every `j`.
fn company_name(j: usize) -> String {
    let p = COMPANY_PREFIXES.len();
    let s = COMPANY_SUFFIXES.len();
    let prefix = COMPANY_PREFIXES.get(j % p).copied().unwrap_or("Acme");
    // (j / p + j) % s: consecutive companies differ in both words, and the
    // pair stays unique for j < p * s because p + 1 and s are coprime.
    let suffix = COMPANY_SUFFIXES.get((j / p + j) % s).copied().unwrap_or("Labs");
    match j / (p * s) {
        0 => format!("{prefix} {suffix}"),
        k => format!("{prefix} {suffix} {}", k + 1),
    }
}

/// A file stem: `dana-reyes` or, as many Obsidian users do, `Dana Reyes`.
fn file_stem(first: &str, last: &str, title_case: bool) -> String {
    if title_case { format!("{first} {last}") } else { slug(&format!("{first} {last}")) }
}

/// Lower case, words joined by `-`; letters outside ASCII are kept.
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// `folder/stem.md`, with `-2`, `-3`... (or ` 2`) when the name is taken
/// (compared case-insensitively, for case-insensitive file systems).
fn unique_path(taken: &mut HashSet<String>, folder: &str, stem: &str, title_case: bool) -> String {
    let sep = if title_case { ' ' } else { '-' };
    let mut n = 1;
    loop {
        let path = match n {
            1 => format!("{folder}/{stem}.md"),
            _ => format!("{folder}/{stem}{sep}{n}.md"),
        };
        if taken.insert(path.to_lowercase()) {
            return path;
        }
        n += 1;
    }
}

/// Creates every folder that holds a contact (or an extra file).
fn create_dirs(out: &Path, contacts: &[Contact]) -> Result<()> {
    let mut dirs: BTreeSet<&str> =
        contacts.iter().filter_map(|c| c.path.rsplit_once('/').map(|(dir, _)| dir)).collect();
    dirs.extend(["people", "daily", "meetings", "templates", ".obsidian", ".trash"]);
    for dir in dirs {
        let path = out.join(dir);
        std::fs::create_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Writing (phase 2)
// ---------------------------------------------------------------------------

/// What every writer needs.
struct Ctx<'a> {
    out: &'a Path,
    seed: u64,
    today: i64,
    style: CorpusStyle,
}

/// Counters reported in the summary line.
#[derive(Default)]
struct Stats {
    files: usize,
    bytes: u64,
    broken: usize,
    /// Touch items of each contact (dated notes and lines in code blocks or quotes excluded).
    touches: Vec<u16>,
}

impl Stats {
    /// Merges the counters of another writer.
    fn add(&mut self, other: Stats) {
        self.files += other.files;
        self.bytes += other.bytes;
        self.broken += other.broken;
        self.touches.extend(other.touches);
    }

    /// The one-line summary printed to stderr.
    fn summary(mut self, contacts: usize, secs: f64, out: &Path) -> String {
        self.touches.sort_unstable();
        let at = |q: usize| {
            let idx = (self.touches.len().saturating_sub(1)) * q / 100;
            self.touches.get(idx).copied().unwrap_or(0)
        };
        format!(
            "gen-corpus: {contacts} contacts ({} broken), {} files, {} bytes ({:.1} MB) in {secs:.2} s; \
             touches/contact median {}, p90 {}, max {} -> {}",
            self.broken,
            self.files,
            self.bytes,
            self.bytes as f64 / 1e6,
            at(50),
            at(90),
            at(100),
            out.display()
        )
    }
}

/// Writes all contacts on all cores; contact `i` goes to writer `i % workers`.
fn write_contacts(ctx: &Ctx<'_>, contacts: &[Contact]) -> Result<Stats> {
    let workers = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            (0..workers).map(|w| scope.spawn(move || write_share(ctx, contacts, w, workers))).collect();
        let mut stats = Stats::default();
        for handle in handles {
            let share = handle.join().map_err(|_| "a writer thread panicked")??;
            stats.add(share);
        }
        Ok(stats)
    })
}

/// Writes contacts `w`, `w + workers`, ... reusing one buffer.
fn write_share(ctx: &Ctx<'_>, contacts: &[Contact], w: usize, workers: usize) -> Result<Stats> {
    let mut stats = Stats::default();
    let mut buf = String::with_capacity(64 * 1024);
    for (i, contact) in contacts.iter().enumerate().skip(w).step_by(workers) {
        buf.clear();
        let mut rng = Rng::new(ctx.seed, STREAM_CONTENT, i as u64);
        let mut note = render_contact(&mut buf, &mut rng, contact, ctx.today);
        if ctx.style != CorpusStyle::Default {
            let mut style_rng = Rng::new(ctx.seed, STREAM_STYLE, i as u64);
            restyle(&mut buf, &mut style_rng, ctx.style, contact, ctx.today, &mut note);
        }
        let bytes = encode(&buf, &note);
        let path = ctx.out.join(&contact.path);
        std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        stats.files += 1;
        stats.bytes += bytes.len() as u64;
        stats.broken += usize::from(note.broken.is_some());
        stats.touches.push(note.touches);
    }
    Ok(stats)
}

/// Applies the byte-level variations: BOM, CRLF, invalid UTF-8.
fn encode<'a>(text: &'a str, note: &RenderedNote) -> std::borrow::Cow<'a, [u8]> {
    if !note.bom && !note.crlf && note.broken != Some(Broken::InvalidUtf8) {
        return std::borrow::Cow::Borrowed(text.as_bytes());
    }
    let mut bytes = Vec::with_capacity(text.len() + text.len() / 16 + 3);
    if note.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    if note.crlf {
        bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    } else {
        bytes.extend_from_slice(text.as_bytes());
    }
    if note.broken == Some(Broken::InvalidUtf8) {
        // A Latin-1 byte in the front matter, as an old editor would save it.
        if let Some(pos) = bytes.iter().position(|&b| b == b'\n') {
            bytes.splice(pos + 1..pos + 1, b"nickname: \xE9lo\n".iter().copied());
        }
    }
    std::borrow::Cow::Owned(bytes)
}

// ---------------------------------------------------------------------------
// One contact: decisions
// ---------------------------------------------------------------------------

/// The playbooks: the five built-ins and one defined in the generated `nudge.yaml`.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Playbook {
    #[default]
    JobSearch,
    Sales,
    Prospecting,
    Partnership,
    Nurture,
    Recruiters,
}

impl Playbook {
    /// The name used in front matter.
    fn name(self) -> &'static str {
        match self {
            Self::JobSearch => "job-search",
            Self::Sales => "sales",
            Self::Prospecting => "prospecting",
            Self::Partnership => "partnership",
            Self::Nurture => "nurture",
            Self::Recruiters => "recruiters",
        }
    }

    /// `(give_up_after, give_up_after_engaged)`; `None` is `never`.
    fn limits(self) -> (Option<usize>, Option<usize>) {
        match self {
            Self::JobSearch => (Some(4), Some(16)),
            Self::Sales => (Some(5), Some(20)),
            Self::Prospecting => (Some(4), Some(8)),
            Self::Partnership => (Some(2), Some(5)),
            Self::Nurture => (None, None),
            Self::Recruiters => (Some(3), Some(6)),
        }
    }
}

/// The state a contact's timeline is built to end in (the front matter may override it).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Scenario {
    New,
    Engaged,
    #[default]
    Active,
    LastShot,
    PastLastShot,
    NotInterested,
    Closed,
    Stopped,
}

/// Ways a file is broken (about 1% of contacts).
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
enum Broken {
    #[default]
    BadYaml,
    ImpossibleDate,
    UnknownKeyword,
    Unclosed,
    InvalidUtf8,
}

/// Which kind of attempts a contact mostly gets.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Channel {
    #[default]
    Mixed,
    EmailHeavy,
    PhoneHeavy,
}

/// How the user writes touch lines in this note.
#[derive(Default)]
#[allow(clippy::struct_excessive_bools, reason = "independent switches of a note's style, drawn one by one")]
struct Style {
    wiki_dates: bool,
    tasks: bool,
    times: bool,
    tags: bool,
    separator: &'static str,
    newest_first: bool,
    channel: Channel,
}

impl Style {
    /// A random writing style; most notes use the plain one.
    fn random(rng: &mut Rng) -> Self {
        Self {
            wiki_dates: rng.chance(0.08),
            tasks: rng.chance(0.10),
            times: rng.chance(0.15),
            tags: rng.chance(0.08),
            separator: rng.weighted(&[(80, ": "), (10, " — "), (6, " - "), (4, " – ")]),
            newest_first: rng.chance(0.05),
            channel: rng.weighted(&[(50, Channel::Mixed), (30, Channel::EmailHeavy), (20, Channel::PhoneHeavy)]),
        }
    }
}

/// What kind of list item a touch line is.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Email,
    Call,
    Voicemail,
    NoAnswer,
    Message,
    Letter,
    /// A word added by the generated `nudge.yaml` (`rang`, `whatsapp`).
    Custom,
    Reply,
    Conversation,
    Meeting,
    NotInterested,
    Stop,
    Closed,
    /// A dated note (`note:`), never a touch.
    Note,
}

impl Kind {
    /// An outbound attempt (as opposed to a response or a note).
    fn is_attempt(self) -> bool {
        matches!(
            self,
            Self::Email | Self::Call | Self::Voicemail | Self::NoAnswer | Self::Message | Self::Letter | Self::Custom
        )
    }

    /// A live conversation (may carry an inline `next:` promise).
    fn is_conversation(self) -> bool {
        matches!(self, Self::Conversation | Self::Meeting)
    }
}

/// One dated list item.
#[derive(Clone, Copy)]
struct Touch {
    day: i64,
    kind: Kind,
    /// An inline `next: DATE`.
    promise: Option<i64>,
    /// A `[ ]` task dated in the future (a planned call).
    planned: bool,
}

/// What the writer needs to know about a rendered note.
struct RenderedNote {
    touches: u16,
    broken: Option<Broken>,
    crlf: bool,
    bom: bool,
}

/// Everything decided about one contact before writing it.
struct Plan<'a> {
    contact: &'a Contact,
    playbook: Playbook,
    /// Whether the `playbook:` key is written (else the config's default applies).
    playbook_key: bool,
    scenario: Scenario,
    touches: Vec<Touch>,
    broken: Option<Broken>,
    style: Style,
    today: i64,
}

/// Writes one contact note into `buf`.
fn render_contact(buf: &mut String, rng: &mut Rng, contact: &Contact, today: i64) -> RenderedNote {
    let plan = plan_contact(rng, contact, today);
    write_front_matter(buf, rng, &plan);
    write_body(buf, rng, &plan);
    let healthy = contact.sample;
    RenderedNote {
        touches: plan.touches.iter().filter(|t| t.kind != Kind::Note).count() as u16,
        broken: plan.broken,
        crlf: !healthy && rng.chance(0.02),
        bom: !healthy && rng.chance(0.005),
    }
}

/// Draws the playbook, the scenario, the touches and the style of a contact.
fn plan_contact<'a>(rng: &mut Rng, contact: &'a Contact, today: i64) -> Plan<'a> {
    let playbook = choose_playbook(rng, contact.sample);
    let scenario = choose_scenario(rng, contact);
    let style = Style::random(rng);
    let kinds = plan_kinds(rng, playbook, scenario, style.channel);
    let mut touches = assign_dates(rng, &kinds, scenario, contact.archive_year, today);
    if !contact.sample && touches.len() < 60 && rng.chance(0.01) {
        touches.push(planned_touch(rng, today));
    }
    let broken = (!contact.sample && rng.below(1000) < 10).then(|| {
        rng.weighted(&[
            (30, Broken::BadYaml),
            (25, Broken::ImpossibleDate),
            (25, Broken::UnknownKeyword),
            (15, Broken::Unclosed),
            (5, Broken::InvalidUtf8),
        ])
    });
    Plan {
        contact,
        playbook,
        playbook_key: contact.sample || rng.chance(0.85) || playbook != Playbook::JobSearch,
        scenario,
        touches,
        broken,
        style,
        today,
    }
}

/// The playbook of a contact: all five built-ins and the config's `recruiters`.
fn choose_playbook(rng: &mut Rng, sample: bool) -> Playbook {
    if sample {
        return Playbook::JobSearch;
    }
    rng.weighted(&[
        (30, Playbook::JobSearch),
        (28, Playbook::Sales),
        (15, Playbook::Prospecting),
        (10, Playbook::Partnership),
        (12, Playbook::Nurture),
        (5, Playbook::Recruiters),
    ])
}

/// The state the timeline leads to; archived contacts are mostly finished.
fn choose_scenario(rng: &mut Rng, contact: &Contact) -> Scenario {
    if contact.sample {
        return Scenario::Active;
    }
    let weights: &[(u32, Scenario)] = if contact.archive_year.is_some() {
        &[
            (3, Scenario::Engaged),
            (5, Scenario::Active),
            (2, Scenario::LastShot),
            (30, Scenario::PastLastShot),
            (20, Scenario::NotInterested),
            (30, Scenario::Closed),
            (10, Scenario::Stopped),
        ]
    } else {
        &[
            (4, Scenario::New),
            (17, Scenario::Engaged),
            (32, Scenario::Active),
            (9, Scenario::LastShot),
            (9, Scenario::PastLastShot),
            (12, Scenario::NotInterested),
            (12, Scenario::Closed),
            (5, Scenario::Stopped),
        ]
    };
    rng.weighted(weights)
}

/// Quantiles (every 2.5%) of a log-normal with median 8 and sigma 0.8, capped to 1..=60.
const TOUCH_QUANTILES: [f64; 41] = [
    1.0, 1.67, 2.15, 2.53, 2.87, 3.19, 3.49, 3.79, 4.08, 4.37, 4.66, 4.96, 5.26, 5.56, 5.88, 6.2, 6.53, 6.88, 7.23,
    7.61, 8.0, 8.41, 8.85, 9.31, 9.8, 10.32, 10.89, 11.5, 12.17, 12.91, 13.72, 14.64, 15.69, 16.9, 18.33, 20.08, 22.3,
    25.31, 29.82, 38.38, 60.0,
];

/// A target number of touches: 1 to 60, median about 8.
fn touch_target(rng: &mut Rng) -> usize {
    let x = rng.unit() * 40.0;
    let k = x as usize;
    let lo = TOUCH_QUANTILES.get(k).copied().unwrap_or(60.0);
    let hi = TOUCH_QUANTILES.get(k + 1).copied().unwrap_or(60.0);
    // Scaled up a little: cold contacts (attempts only) have short
    // timelines, this brings the median over all contacts back to about 8.
    let value = (lo + (hi - lo) * (x - k as f64)) * 1.15;
    (value.round() as usize).clamp(1, 60)
}

/// The sequence of touch kinds: a history of attempts and responses, then a
/// tail that puts the contact in the state of `scenario`.
fn plan_kinds(rng: &mut Rng, playbook: Playbook, scenario: Scenario, channel: Channel) -> Vec<Kind> {
    if scenario == Scenario::New {
        // No touches; maybe a dated note, which is not a touch.
        return if rng.chance(0.3) { vec![Kind::Note] } else { Vec::new() };
    }
    let target = touch_target(rng);
    let (cold, warm) = playbook.limits();
    let responded = match scenario {
        Scenario::Engaged => true,
        Scenario::Active => rng.chance(0.85),
        Scenario::LastShot | Scenario::PastLastShot => rng.chance(0.5),
        _ => rng.chance(0.9),
    };
    let limit = if responded { warm } else { cold };
    let mut tail = Vec::new();
    match (scenario, limit) {
        (Scenario::Engaged, _) => {}
        (Scenario::Active, _) | (Scenario::LastShot | Scenario::PastLastShot, None) => {
            let max = limit.map_or(8, |l| l.saturating_sub(1)).clamp(1, 8);
            let spread = rng.below(max) + 1;
            let n = 1 + rng.below(spread);
            push_attempts(rng, &mut tail, n, channel);
        }
        (Scenario::LastShot, Some(l)) => push_attempts(rng, &mut tail, l, channel),
        (Scenario::PastLastShot, Some(l)) => {
            let extra = rng.below(3) + 1;
            push_attempts(rng, &mut tail, l + extra, channel);
        }
        (Scenario::NotInterested, _) => {
            tail.push(Kind::NotInterested);
            let after = rng.below(3);
            push_attempts(rng, &mut tail, after, Channel::EmailHeavy);
        }
        (Scenario::Closed, _) => tail.push(Kind::Closed),
        (Scenario::Stopped, _) => {
            tail.push(Kind::Stop);
            if rng.chance(0.05) {
                // An attempt after a stop: an error in `nudge check` (R11).
                tail.push(Kind::Email);
            }
        }
        (Scenario::New, _) => {}
    }
    // The tail is at most 23 long, so there is always room for it within 60.
    let history_len = if responded { target.saturating_sub(tail.len()).clamp(1, 60 - tail.len()) } else { 0 };
    let mut kinds = history(rng, history_len, channel);
    kinds.extend(tail);
    sprinkle_notes(rng, &mut kinds);
    kinds
}

/// `len` touches of past exchanges, ending with a response.
fn history(rng: &mut Rng, len: usize, channel: Channel) -> Vec<Kind> {
    let mut kinds = Vec::with_capacity(len + 4);
    while kinds.len() + 1 < len {
        // Usually a few attempts before each response; now and then two responses in a row.
        let run = if rng.chance(0.1) { 0 } else { 1 + rng.below(3) };
        let run = run.min(len - kinds.len() - 1);
        push_attempts(rng, &mut kinds, run, channel);
        if kinds.len() + 1 < len {
            kinds.push(response(rng));
        }
    }
    if len > 0 {
        kinds.push(response(rng));
    }
    kinds
}

/// Appends `n` outbound attempts in the contact's preferred channels.
fn push_attempts(rng: &mut Rng, kinds: &mut Vec<Kind>, n: usize, channel: Channel) {
    let weights: &[(u32, Kind)] = match channel {
        Channel::EmailHeavy => &[
            (65, Kind::Email),
            (15, Kind::Message),
            (8, Kind::Call),
            (7, Kind::Voicemail),
            (3, Kind::NoAnswer),
            (1, Kind::Letter),
            (1, Kind::Custom),
        ],
        Channel::PhoneHeavy => &[
            (35, Kind::Voicemail),
            (20, Kind::Call),
            (15, Kind::NoAnswer),
            (20, Kind::Email),
            (5, Kind::Message),
            (5, Kind::Custom),
        ],
        Channel::Mixed => &[
            (35, Kind::Email),
            (20, Kind::Voicemail),
            (15, Kind::Call),
            (10, Kind::NoAnswer),
            (15, Kind::Message),
            (2, Kind::Letter),
            (3, Kind::Custom),
        ],
    };
    for _ in 0..n {
        kinds.push(rng.weighted(weights));
    }
}

/// A response: a reply, a conversation or a meeting.
fn response(rng: &mut Rng) -> Kind {
    rng.weighted(&[(40, Kind::Reply), (35, Kind::Conversation), (25, Kind::Meeting)])
}

/// Inserts a few dated notes (`note:` items) among the touches.
fn sprinkle_notes(rng: &mut Rng, kinds: &mut Vec<Kind>) {
    if kinds.len() > 2 && rng.chance(0.15) {
        let at = rng.below(kinds.len() - 1);
        kinds.insert(at, Kind::Note);
    }
}

/// Dates the touches: the last one a little before today (recent for open
/// states, in the folder's year for archived contacts), earlier ones at
/// realistic gaps, all within the two years before today.
fn assign_dates(
    rng: &mut Rng,
    kinds: &[Kind],
    scenario: Scenario,
    archive_year: Option<i64>,
    today: i64,
) -> Vec<Touch> {
    let recency = match scenario {
        Scenario::Engaged | Scenario::Active | Scenario::LastShot => {
            rng.weighted(&[(25, (0, 3)), (40, (4, 14)), (25, (15, 45)), (10, (46, 120))])
        }
        _ => (5, 400),
    };
    let last = match archive_year {
        Some(year) => {
            let lo = days_from_civil(year, 1, 1).max(today - 700);
            let hi = days_from_civil(year, 12, 31).min(today - 5);
            rng.range(lo, hi.max(lo))
        }
        None => today - rng.range(recency.0, recency.1),
    };
    let mut days = vec![last; kinds.len()];
    let mut day = last;
    for i in (1..kinds.len()).rev() {
        let (prev, cur) = (kinds.get(i - 1).copied(), kinds.get(i).copied());
        day -= gap(rng, prev.unwrap_or_default(), cur.unwrap_or_default());
        if let Some(slot) = days.get_mut(i - 1) {
            *slot = day;
        }
    }
    fit_window(&mut days, today - 730, last);
    let skip_weekends = rng.chance(0.85);
    kinds
        .iter()
        .zip(days)
        .map(|(&kind, day)| {
            let day = if skip_weekends { next_weekday(day).min(today.max(day)) } else { day };
            Touch { day, kind, promise: promise(rng, kind, day, today), planned: false }
        })
        .collect()
}

/// Days between two consecutive items.
fn gap(rng: &mut Rng, prev: Kind, cur: Kind) -> i64 {
    if rng.chance(0.05) {
        return rng.range(30, 120);
    }
    match (prev.is_attempt(), cur.is_attempt()) {
        _ if cur == Kind::Note || prev == Kind::Note => rng.range(0, 10),
        (true, true) => rng.range(2, 12),
        (_, false) => rng.range(0, 6),
        (false, true) => rng.range(3, 30),
    }
}

/// Squeezes the days into `start..=last` (keeping their order) when they begin too early.
fn fit_window(days: &mut [i64], start: i64, last: i64) {
    let first = days.first().copied().unwrap_or(last);
    if first >= start || last <= first {
        return;
    }
    for day in days.iter_mut() {
        *day = start + (*day - first) * (last - start) / (last - first);
    }
}

/// The day itself, or the Monday after when it is a weekend day.
fn next_weekday(day: i64) -> i64 {
    match weekday(day) {
        5 => day + 2,
        6 => day + 1,
        _ => day,
    }
}

/// An inline `next:` promise, sometimes, on conversations.
fn promise(rng: &mut Rng, kind: Kind, day: i64, today: i64) -> Option<i64> {
    let recent = today - day < 20;
    let p = if recent { 0.4 } else { 0.25 };
    (kind.is_conversation() && rng.chance(p)).then(|| day + rng.range(2, 21))
}

/// A `[ ]` task for a call planned after today (a warning, not counted).
fn planned_touch(rng: &mut Rng, today: i64) -> Touch {
    Touch { day: today + rng.range(2, 20), kind: rng.pick(&[Kind::Call, Kind::Email]), promise: None, planned: true }
}

// ---------------------------------------------------------------------------
// One contact: front matter
// ---------------------------------------------------------------------------

/// Writes the front matter: 5 to 12 keys, sometimes broken.
fn write_front_matter(buf: &mut String, rng: &mut Rng, plan: &Plan<'_>) {
    let mut keys = front_matter_keys(rng, plan);
    match plan.broken {
        Some(Broken::BadYaml) => break_yaml(rng, &mut keys),
        Some(Broken::ImpossibleDate) => {
            keys.retain(|(k, _)| *k != "added");
            let bad = rng.pick(&[" 2026-02-30", " 2025-13-01", " 2026-04-31", " 2025-02-29"]);
            keys.push(("added", bad.to_owned()));
        }
        _ => {}
    }
    buf.push_str("---\n");
    for (key, value) in &keys {
        buf.push_str(key);
        buf.push(':');
        buf.push_str(value);
        buf.push('\n');
    }
    if plan.broken != Some(Broken::Unclosed) {
        buf.push_str(if rng.chance(0.02) { "...\n" } else { "---\n" });
    }
}

/// The keys and their values (text after `key:`), in the usual order.
fn front_matter_keys(rng: &mut Rng, plan: &Plan<'_>) -> Vec<(&'static str, String)> {
    let c = plan.contact;
    let company = c.company.map(company_name);
    let wanted = rng.range(5, 12) as usize;
    let mut keys: Vec<(&'static str, String)> = Vec::with_capacity(14);
    if c.sample || rng.chance(0.95) {
        keys.push(("name", format!(" {} {}", c.first, c.last)));
    }
    if let Some(company) = &company {
        keys.push(("company", yaml_string(company, rng.chance(0.1))));
    }
    if rng.chance(0.8) {
        keys.push(("role", format!(" {}", rng.pick(ROLES))));
    }
    if rng.chance(0.85) {
        keys.push(("email", format!(" {}", email(rng, c, company.as_deref()))));
    }
    if rng.chance(0.8) {
        keys.push(("tags", tags(rng)));
    }
    if plan.playbook_key {
        keys.push(("playbook", format!(" {}", plan.playbook.name())));
    }
    scenario_keys(rng, plan, &mut keys);
    optional_keys(rng, plan, &mut keys, wanted);
    keys
}

/// Keys that make the scenario happen or vary it: `stage`, `do_not_contact`, `next`, `added`.
fn scenario_keys(rng: &mut Rng, plan: &Plan<'_>, keys: &mut Vec<(&'static str, String)>) {
    let today = plan.today;
    let first_touch = plan.touches.first().map_or(today, |t| t.day);
    if plan.scenario == Scenario::New || rng.chance(0.3) {
        let added =
            if plan.scenario == Scenario::New { today + rng.range(-20, 10) } else { first_touch - rng.range(0, 30) };
        keys.push(("added", date_value(rng, added)));
    }
    if plan.contact.sample {
        return;
    }
    if rng.chance(0.05) {
        let next = today + rng.range(-10, 30);
        keys.push(("next", date_value(rng, next)));
    }
    if plan.scenario == Scenario::Stopped && rng.chance(0.3) {
        keys.push(("do_not_contact", " true".to_owned()));
    } else if rng.chance(0.03) {
        let stage = rng.pick(&["active", "nurture", "closed", "stopped"]);
        keys.push(("stage", format!(" {stage}")));
    }
    if rng.chance(0.002) {
        keys.push(("playbok", format!(" {}", plan.playbook.name())));
    }
}

/// Fills up to `wanted` keys with user keys nudge does not know.
fn optional_keys(rng: &mut Rng, plan: &Plan<'_>, keys: &mut Vec<(&'static str, String)>, wanted: usize) {
    let c = plan.contact;
    let mut candidates: [&'static str; 9] =
        ["phone", "linkedin", "location", "source", "notes", "aliases", "referred_by", "timezone", "last_met"];
    shuffle(rng, &mut candidates);
    for key in candidates {
        if keys.len() >= wanted {
            break;
        }
        let value = match key {
            "phone" => format!(" \"+1 555-{:04}\"", rng.below(10_000)),
            "linkedin" => format!(" https://www.linkedin.com/in/{}", slug(&format!("{} {}", c.first, c.last))),
            "location" => format!(" {}", rng.pick(LOCATIONS)),
            "source" => format!(" {}", rng.pick(SOURCES)),
            "notes" => yaml_string(rng.pick(FM_NOTES), true),
            "aliases" => format!("\n  - {}\n  - {} {}.", c.first, c.first, c.last.chars().next().unwrap_or('X')),
            "referred_by" => format!(" \"[[{} {}]]\"", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)),
            "timezone" => format!(" {}", rng.pick(&["Europe/Berlin", "America/New_York", "Asia/Tokyo"])),
            _ => {
                let met = plan.today - rng.range(10, 500);
                date_value(rng, met)
            }
        };
        keys.push((key, value));
    }
}

/// Fisher-Yates shuffle.
fn shuffle<T>(rng: &mut Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// A YAML date, unquoted (a YAML date) or quoted (a string).
fn date_value(rng: &mut Rng, day: i64) -> String {
    let mut value = String::with_capacity(13);
    let quoted = rng.chance(0.2);
    value.push_str(if quoted { " \"" } else { " " });
    push_date(&mut value, day);
    if quoted {
        value.push('"');
    }
    value
}

/// A string value, quoted or plain.
fn yaml_string(text: &str, quoted: bool) -> String {
    if quoted { format!(" \"{text}\"") } else { format!(" {text}") }
}

/// `tags`: a flow list, a block list or a single string.
fn tags(rng: &mut Rng) -> String {
    let n = rng.range(1, 4) as usize;
    let mut picked: Vec<&str> = (0..n).map(|_| rng.pick(TAGS)).collect();
    picked.dedup();
    match rng.below(10) {
        0 => format!(" {}", picked.first().copied().unwrap_or("vip")),
        1..=3 => picked.iter().fold(String::new(), |acc, t| acc + "\n  - " + t),
        _ => format!(" [{}]", picked.join(", ")),
    }
}

/// An e-mail address derived from the name and the company.
fn email(rng: &mut Rng, c: &Contact, company: Option<&str>) -> String {
    let local = format!("{}.{}", ascii_fold(c.first), ascii_fold(c.last));
    let domain = match company {
        Some(company) => format!("{}.com", ascii_fold(company)),
        None => rng.pick(&["gmail.com", "outlook.com", "proton.me", "fastmail.com"]).to_owned(),
    };
    format!("{local}@{domain}")
}

/// Lower-case ASCII letters and digits only (accents dropped to their base letter).
fn ascii_fold(text: &str) -> String {
    text.chars()
        .filter_map(|ch| {
            let base = match ch {
                'à'..='å' => 'a',
                'ç' => 'c',
                'è'..='ë' => 'e',
                'ì'..='ï' | 'ı' => 'i',
                'ñ' => 'n',
                'ò'..='ö' | 'ø' => 'o',
                'ù'..='ü' => 'u',
                'ł' => 'l',
                'ś' | 'ş' | 'Ş' => 's',
                'č' => 'c',
                _ => ch.to_ascii_lowercase(),
            };
            base.is_ascii_alphanumeric().then_some(base)
        })
        .collect()
}

/// Makes the front matter invalid YAML in one of the usual ways.
fn break_yaml(rng: &mut Rng, keys: &mut Vec<(&'static str, String)>) {
    let broken = rng.pick(&[
        " \"Acme Labs",      // unterminated quote
        " Dana: Reyes",      // a colon in a plain scalar
        " [vip, fintech",    // unclosed flow sequence
        "\n  - one\n - two", // bad indentation
        " @handle",          // reserved indicator
    ]);
    let at = rng.below(keys.len() + 1);
    keys.insert(at.min(keys.len()), ("title", broken.to_owned()));
}

// ---------------------------------------------------------------------------
// One contact: body
// ---------------------------------------------------------------------------

/// Writes the body: a title, prose, the touch lists, notes, and extras.
fn write_body(buf: &mut String, rng: &mut Rng, plan: &Plan<'_>) {
    let c = plan.contact;
    buf.push('\n');
    if rng.chance(0.8) {
        let _ = writeln!(buf, "# {} {}\n", c.first, c.last);
    }
    if rng.chance(0.8) {
        paragraph(buf, rng, 1, 4);
    }
    let notes_first = rng.chance(0.2);
    if notes_first {
        notes_section(buf, rng);
    }
    touch_section(buf, rng, plan);
    if !notes_first {
        notes_section(buf, rng);
    }
    extras(buf, rng, plan);
}

/// A paragraph of `lo..=hi` sentences followed by a blank line.
fn paragraph(buf: &mut String, rng: &mut Rng, lo: i64, hi: i64) {
    let n = rng.range(lo, hi);
    for i in 0..n {
        if i > 0 {
            buf.push(' ');
        }
        buf.push_str(rng.pick(SENTENCES));
    }
    buf.push_str("\n\n");
}

/// `## Notes` with prose and a list of undated facts.
fn notes_section(buf: &mut String, rng: &mut Rng) {
    buf.push_str("## Notes\n\n");
    for _ in 0..rng.range(2, 4) {
        paragraph(buf, rng, 2, 6);
    }
    if rng.chance(0.5) {
        for _ in 0..rng.range(2, 5) {
            let _ = writeln!(buf, "- {}", rng.pick(FACTS));
        }
        buf.push('\n');
    }
}

/// The touch lists: one list, or groups split by sub-headings or prose.
fn touch_section(buf: &mut String, rng: &mut Rng, plan: &Plan<'_>) {
    let heading = rng.weighted(&[(70, "Touches"), (10, "Log"), (10, "Timeline"), (10, "History")]);
    let _ = writeln!(buf, "## {heading}\n");
    let mut touches = plan.touches.clone();
    if plan.style.newest_first {
        touches.reverse();
    } else if touches.len() > 3 && rng.chance(0.03) {
        // Mostly ordered: one pair written out of order.
        let i = rng.below(touches.len() - 1);
        touches.swap(i, i + 1);
    }
    let unknown_at = (plan.broken == Some(Broken::UnknownKeyword)).then(|| rng.below(touches.len().max(1)));
    let groups = split_groups(rng, touches.len());
    let mut start = 0;
    for (g, end) in groups.iter().enumerate() {
        let group = touches.get(start..*end).unwrap_or_default();
        if g > 0 {
            group_separator(buf, rng, group.first().map_or(plan.today, |t| t.day));
        }
        let nested = rng.chance(0.05);
        if nested {
            buf.push_str("- Outreach\n");
        }
        for (k, touch) in group.iter().enumerate() {
            let typo = unknown_at == Some(start + k);
            let indent = if nested { "  " } else { "" };
            touch_line(buf, rng, touch, &plan.style, indent, typo);
        }
        buf.push('\n');
        start = *end;
    }
}

/// End indices of the touch groups: usually one group, sometimes 2 or 3.
fn split_groups(rng: &mut Rng, len: usize) -> Vec<usize> {
    if len < 6 || !rng.chance(0.3) {
        return vec![len];
    }
    let mut ends = vec![rng.range(2, (len / 2) as i64) as usize];
    if len >= 12 && rng.chance(0.5) {
        ends.push(rng.range(len as i64 / 2 + 1, len as i64 - 2) as usize);
    }
    ends.push(len);
    ends
}

/// What separates two touch lists: a year heading or meeting notes in prose.
fn group_separator(buf: &mut String, rng: &mut Rng, day: i64) {
    if rng.chance(0.5) {
        let (year, _, _) = civil_from_days(day);
        let _ = writeln!(buf, "### {year}\n");
    } else {
        buf.push_str("Meeting notes: ");
        paragraph(buf, rng, 2, 6);
    }
}

/// One touch line (and sometimes sub-bullets with details).
fn touch_line(buf: &mut String, rng: &mut Rng, t: &Touch, style: &Style, indent: &str, typo: bool) {
    buf.push_str(indent);
    buf.push_str("- ");
    if t.planned {
        buf.push_str("[ ] ");
    } else if style.tasks && t.kind != Kind::Note {
        buf.push_str("[x] ");
    }
    if style.wiki_dates {
        buf.push_str("[[");
        push_date(buf, t.day);
        buf.push_str("]]");
    } else {
        push_date(buf, t.day);
    }
    if style.times && t.kind != Kind::Note && rng.chance(0.4) {
        let _ = write!(buf, " {:02}:{:02}", rng.range(8, 18), rng.range(0, 11) * 5);
    }
    buf.push(' ');
    let phrase = if typo { rng.pick(TYPOS) } else { keyword_phrase(rng, t.kind) };
    push_keywords(buf, rng, phrase, style.tags && t.kind != Kind::Note);
    let text = free_text(rng, t.kind);
    if !text.is_empty() {
        buf.push_str(if t.kind == Kind::Note { ": " } else { style.separator });
        buf.push_str(text);
    }
    if let Some(day) = t.promise {
        buf.push_str(if rng.chance(0.8) { " next: " } else { " next " });
        push_date(buf, day);
    }
    buf.push('\n');
    if t.kind.is_conversation() && rng.chance(0.15) {
        for _ in 0..rng.range(1, 3) {
            let _ = writeln!(buf, "{indent}  - {}", rng.pick(FACTS));
        }
    }
}

/// Writes the keywords, as words or as tags, sometimes capitalised.
fn push_keywords(buf: &mut String, rng: &mut Rng, phrase: &str, tags: bool) {
    let capitalise = rng.chance(0.03);
    for (i, word) in phrase.split(' ').enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        if tags {
            buf.push('#');
        }
        let mut chars = word.chars();
        match (capitalise && i == 0, chars.next()) {
            (true, Some(first)) => {
                buf.extend(first.to_uppercase());
                buf.push_str(chars.as_str());
            }
            _ => buf.push_str(word),
        }
    }
}

/// Unknown first keywords (`nudge check` warns about them).
const TYPOS: &[&str] = &["calld", "emial", "vociemail", "meetng", "caled", "emailled"];

/// The keywords of a touch kind, in one of the ways people write them.
fn keyword_phrase(rng: &mut Rng, kind: Kind) -> &'static str {
    let options: &[&str] = match kind {
        Kind::Email => &["email", "email", "emailed", "mail"],
        Kind::Call => &["call", "called", "phone", "phoned"],
        Kind::Voicemail => &["call voicemail", "call vm", "called left-message", "voicemail", "phoned vm"],
        Kind::NoAnswer => &["call no-answer", "called noanswer", "call no-answer"],
        Kind::Message => &["linkedin", "text", "texted", "sms", "dm", "message"],
        Kind::Letter => &["card", "letter"],
        Kind::Custom => &["rang", "whatsapp"],
        Kind::Reply => {
            &["email reply", "reply", "replied", "email in", "responded", "callback", "text reply", "linkedin replied"]
        }
        Kind::Conversation => &["call in talked", "call talked", "spoke", "call connected", "talked", "phone live"],
        Kind::Meeting => &["meeting", "met", "interview", "coffee", "lunch", "visit"],
        Kind::NotInterested => &["email reply not-interested", "call talked declined", "reply pass", "not-interested"],
        Kind::Stop => &["email reply stop", "unsubscribe", "reply do-not-contact", "call talked stop"],
        Kind::Closed => &["meeting won", "call hired", "email signed", "closed", "call lost", "email reply signed"],
        Kind::Note => &["note"],
    };
    rng.pick(options)
}

/// The free text after the keywords (may be empty). Never starts with a keyword.
fn free_text(rng: &mut Rng, kind: Kind) -> &'static str {
    let (p, options): (f64, &[&str]) = match kind {
        Kind::Email => (
            0.8,
            &[
                "sent resume and cover letter, said I'd call Friday",
                "follow-up on the proposal",
                "shared the case study",
                "sent pricing deck",
                "checking in after the demo",
                "sent the revised SOW",
                "asked for 20 minutes next week",
                "thank-you note after the interview",
                "forwarded the article on onboarding costs",
            ],
        ),
        Kind::Custom => (0.0, &[]),
        Kind::Call | Kind::NoAnswer => (
            0.4,
            &[
                "tried the office line",
                "tried twice, no pickup",
                "switchboard put me through to nobody",
                "about the role",
            ],
        ),
        Kind::Voicemail => {
            (0.6, &["left a message about the role", "left my number again", "short message, mentioned the pilot"])
        }
        Kind::Message | Kind::Letter => (
            0.6,
            &[
                "sent connection request",
                "congrats on the new role",
                "shared the webinar recording",
                "holiday card with a handwritten note",
            ],
        ),
        Kind::Reply => (
            0.85,
            &[
                "thanks, will review with the team",
                "asked to circle back after the holidays",
                "sent over their requirements",
                "short answer, busy this month",
                "wants to talk next week",
            ],
        ),
        Kind::Conversation => (
            0.85,
            &[
                "she called back! Interview next week.",
                "walked through the pricing, positive",
                "discussed timeline and budget",
                "twenty minutes, good energy, wants a proposal",
                "caught him between meetings",
            ],
        ),
        Kind::Meeting => (
            0.9,
            &[
                "interview with Dana and Sam",
                "demo for the ops team",
                "on-site visit, met the whole team",
                "quarterly review",
                "at the conference booth",
            ],
        ),
        Kind::NotInterested => (
            0.9,
            &[
                "no budget this year",
                "going with another vendor",
                "position filled internally",
                "not a priority right now",
            ],
        ),
        Kind::Stop => (0.8, &["please remove me", "asked not to be contacted again", "unsubscribed from everything"]),
        Kind::Closed => (
            0.9,
            &[
                "offer accepted!",
                "contract countersigned",
                "annual plan, 40 seats",
                "went with a competitor",
                "deal done, handed over to onboarding",
            ],
        ),
        Kind::Note => (
            1.0,
            &[
                "her manager is Sam Ortiz",
                "moved to the platform team",
                "company announced layoffs",
                "saw the funding news",
            ],
        ),
    };
    if rng.chance(p) { rng.pick(options) } else { "" }
}

/// Rare extras: a code block, a block quote or an HTML comment holding
/// date-like list lines that are not touches, and long meeting notes.
fn extras(buf: &mut String, rng: &mut Rng, plan: &Plan<'_>) {
    if rng.chance(0.04) {
        let fence = rng.pick(&["```", "```text", "~~~"]);
        let _ = writeln!(buf, "Old export from the previous CRM:\n\n{fence}");
        fake_touch_lines(buf, rng, plan.today, "");
        let close = if fence.starts_with('~') { "~~~" } else { "```" };
        let _ = writeln!(buf, "{close}\n");
    }
    if rng.chance(0.04) {
        buf.push_str("> From Sam's notes, not mine:\n>\n");
        fake_touch_lines(buf, rng, plan.today, "> ");
        buf.push('\n');
    }
    if rng.chance(0.01) {
        buf.push_str("<!--\n");
        fake_touch_lines(buf, rng, plan.today, "");
        buf.push_str("-->\n\n");
    }
    if rng.chance(0.015) {
        long_meeting_notes(buf, rng, plan.today);
    }
}

/// Recent date-like list lines that would change the state if they counted.
fn fake_touch_lines(buf: &mut String, rng: &mut Rng, today: i64, prefix: &str) {
    for _ in 0..rng.range(2, 4) {
        buf.push_str(prefix);
        buf.push_str("- ");
        push_date(buf, today - rng.range(0, 6));
        let _ = writeln!(buf, " {}", rng.pick(&["call talked", "email", "meeting won", "call stop"]));
    }
}

/// 10 to 50 KB of meeting notes: headings, prose and undated action items.
fn long_meeting_notes(buf: &mut String, rng: &mut Rng, today: i64) {
    let target = buf.len() + rng.range(10_000, 50_000) as usize;
    buf.push_str("## Meeting notes\n\n");
    while buf.len() < target {
        buf.push_str("### ");
        push_date(buf, today - rng.range(30, 700));
        let _ = writeln!(buf, " {}\n", rng.pick(MEETING_TOPICS));
        for _ in 0..rng.range(2, 5) {
            paragraph(buf, rng, 3, 8);
        }
        buf.push_str("Action items:\n\n");
        for _ in 0..rng.range(2, 4) {
            let done = if rng.chance(0.5) { "[x]" } else { "[ ]" };
            let _ = writeln!(buf, "- {done} {}", rng.pick(FACTS));
        }
        buf.push('\n');
    }
}

// ---------------------------------------------------------------------------
// Other writing styles (`--style`)
// ---------------------------------------------------------------------------

/// Rewrites a rendered contact note (`\n` line breaks) in `style`, drawing
/// from its own stream so that the default style stays as it is.
fn restyle(buf: &mut String, rng: &mut Rng, style: CorpusStyle, c: &Contact, today: i64, note: &mut RenderedNote) {
    let text = std::mem::take(buf);
    let (front, body) = match text.strip_prefix("---\n").and_then(|rest| {
        let close = rest.find("\n---\n").or_else(|| rest.find("\n...\n"))?;
        Some((&rest[..close + 1], &rest[close + 5..]))
    }) {
        Some(parts) if note.broken.is_none() => parts,
        _ => {
            *buf = text;
            return;
        }
    };
    buf.push_str("---\n");
    match style {
        CorpusStyle::Obsidian => obsidian_front(buf, rng, front, c, today),
        _ => jekyll_front(buf, rng, front, c, today),
    }
    buf.push_str("---\n");
    match style {
        CorpusStyle::Obsidian => {
            note.crlf = !c.sample && rng.chance(0.15);
            obsidian_body(buf, rng, body);
        }
        _ => jekyll_body(buf, rng, body, today),
    }
}

/// Names written in other scripts, or with an emoji.
const WIDE_NAMES: &[&str] = &[
    "王伟",
    "李娜",
    "張偉",
    "佐藤 健",
    "김민준",
    "Zoë Ångström 🌟",
    "Dana 🚀 Reyes",
    "Ólafur Þórsson",
    "Анна Павлова",
];

/// Obsidian properties: unquoted phones, numbers, URLs, date-times, empty
/// and nested keys, unquoted wiki links, comments, CJK and emoji names.
fn obsidian_front(buf: &mut String, rng: &mut Rng, front: &str, c: &Contact, today: i64) {
    if rng.chance(0.2) {
        buf.push_str("# synced from the CRM\n");
    }
    for line in front.lines() {
        let (key, value) = line.split_once(':').unwrap_or((line, ""));
        match key {
            "phone" => {
                let number = rng.below(10_000);
                let _ = match rng.below(5) {
                    0 => writeln!(buf, "phone: +1 415 555 {number:04}"),
                    1 => writeln!(buf, "phone: (415) 555-{number:04}"),
                    2 => writeln!(buf, "phone: 0049 30 {number}"),
                    3 => writeln!(buf, "phone: +44-20-7946-{number:04}"),
                    _ => writeln!(buf, "phone: 555-{number:04}"),
                };
            }
            "name" if !c.sample && rng.chance(0.1) => {
                let _ = writeln!(buf, "name: {}", rng.pick(WIDE_NAMES));
            }
            "company" if !value.contains([',', '"']) && rng.chance(0.5) => {
                let quote = if rng.chance(0.5) { "\"" } else { "" };
                let _ = writeln!(buf, "company: {quote}[[{}]]{quote}", value.trim());
            }
            "role" if rng.chance(0.2) => {
                let _ = writeln!(buf, "{line}  # since {}", rng.range(2015, 2026));
            }
            _ => {
                buf.push_str(line);
                buf.push('\n');
            }
        }
    }
    if rng.chance(0.6) {
        let _ = writeln!(buf, "rating: {}", rng.range(1, 5));
    }
    if rng.chance(0.5) {
        let _ = writeln!(buf, "notes_version: {}", rng.range(1, 3));
    }
    if rng.chance(0.2) {
        let _ = writeln!(buf, "score: {}.{}", rng.range(0, 9), rng.range(0, 99));
    }
    if rng.chance(0.5) {
        let _ = writeln!(buf, "website: https://{}.example.com/about?ref=vault#team", slug(c.last));
    }
    if rng.chance(0.5) {
        buf.push_str(if rng.chance(0.5) { "created: " } else { "date created: " });
        push_date(buf, today - rng.range(30, 900));
        let _ =
            writeln!(buf, "{}{:02}:{:02}", if rng.chance(0.5) { "T" } else { " " }, rng.range(8, 18), rng.range(0, 59));
    }
    for key in ["birthday", "location_notes", "twitter"] {
        if rng.chance(0.3) {
            let _ = writeln!(buf, "{key}:");
        }
    }
    if rng.chance(0.3) {
        let _ = writeln!(buf, "met_through: [[{} {}]]", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
    }
    if rng.chance(0.3) {
        let _ = writeln!(
            buf,
            "address:\n  street: {} Main St\n  city: Berlin\n  zip: {}",
            rng.range(1, 200),
            rng.range(10_000, 99_999)
        );
    }
    if rng.chance(0.3) {
        buf.push_str("cssclasses:\n  - contact\n  - wide\n");
    }
    if rng.chance(0.2) {
        let _ = writeln!(buf, "aka: [{}, \"{} {}\"]", c.first, c.first, c.last);
    }
}

/// An Obsidian body: a callout after the title, the rest as written.
fn obsidian_body(buf: &mut String, rng: &mut Rng, body: &str) {
    let callout = rng.chance(0.4);
    for (i, line) in body.lines().enumerate() {
        buf.push_str(line);
        buf.push('\n');
        if i == 1 && callout {
            let kind = rng.pick(&["note", "info", "tip", "warning"]);
            let _ = writeln!(buf, "\n> [!{kind}] Summary\n> {}\n", rng.pick(SENTENCES));
        }
    }
}

/// Jekyll front matter: layout, title, a date-time with a zone, categories,
/// a permalink, numbers.
fn jekyll_front(buf: &mut String, rng: &mut Rng, front: &str, c: &Contact, today: i64) {
    let _ = writeln!(buf, "layout: contact\ntitle: \"{} {}\"", c.first, c.last);
    buf.push_str("date: ");
    push_date(buf, today - rng.range(30, 900));
    let _ = writeln!(buf, " {:02}:{:02}:00 +0100", rng.range(8, 18), rng.range(0, 59));
    let _ = writeln!(buf, "categories: [contacts, {}]", rng.pick(REGIONS));
    let _ = writeln!(buf, "permalink: /contacts/{}/", slug(&format!("{} {}", c.first, c.last)));
    if rng.chance(0.5) {
        let _ = writeln!(buf, "weight: {}", rng.range(1, 100));
    }
    buf.push_str(front);
    if rng.chance(0.3) {
        buf.push_str("published: true\n");
    }
}

/// A Jekyll body: bullets in `*` or `+`, numbered touch lists (`1.` or
/// `1)`) with nested `*` items, long prose, tables and code blocks, and a
/// few notes with a 200-touch archive.
fn jekyll_body(buf: &mut String, rng: &mut Rng, body: &str, today: i64) {
    let bullet = rng.weighted(&[(60, "* "), (20, "+ "), (20, "- ")]);
    let numbered = rng.chance(0.3).then(|| rng.pick(&[".", ")"]));
    let mut fence = false;
    let mut number = 0;
    let mut in_touches = false;
    for line in body.lines() {
        if line.starts_with("```") || line.starts_with("~~~") {
            fence = !fence;
        }
        if line.starts_with("## ") {
            in_touches = ["## Touches", "## Log", "## Timeline", "## History"].contains(&line);
        }
        match (fence, line.strip_prefix("- "), line.strip_prefix("  - ")) {
            (false, Some(item), _) => match numbered.filter(|_| in_touches) {
                Some(marker) => {
                    number += 1;
                    let _ = writeln!(buf, "{number}{marker} {item}");
                }
                None => {
                    let _ = writeln!(buf, "{bullet}{item}");
                }
            },
            (false, _, Some(item)) => {
                let indent = if numbered.is_some() && in_touches { "   " } else { "  " };
                let _ = writeln!(buf, "{indent}* {item}");
            }
            _ => {
                if line.is_empty() {
                    number = 0;
                }
                buf.push_str(line);
                buf.push('\n');
            }
        }
    }
    long_prose(buf, rng);
    if rng.chance(0.3) {
        buf.push_str("| Date | Channel | Outcome |\n|------|---------|---------|\n");
        for _ in 0..rng.range(2, 6) {
            buf.push_str("| ");
            push_date(buf, today - rng.range(0, 400));
            let _ = writeln!(buf, " | {} | {} |", rng.pick(&["call", "email", "meeting"]), rng.pick(FACTS));
        }
        buf.push('\n');
    }
    if rng.chance(0.3) {
        buf.push_str("```yaml\n# exported\n- 2026-01-02 call\nstatus: open\n```\n\n");
    }
    if rng.chance(0.03) {
        buf.push_str("## Archive\n\n");
        for k in 0..200 {
            buf.push_str(bullet);
            push_date(buf, today - 800 - 3 * (200 - k));
            let _ =
                writeln!(buf, " {}", rng.pick(&["email: sent the deck", "call voicemail", "call: talked", "message"]));
        }
        buf.push('\n');
    }
}

/// Long prose paragraphs, some starting with emphasis or inline code.
fn long_prose(buf: &mut String, rng: &mut Rng) {
    buf.push_str("## Background\n\n");
    for _ in 0..rng.range(3, 10) {
        buf.push_str(rng.pick(&["", "", "**Note:** ", "_Aside:_ ", "`crm` says: ", "*Important* "]));
        for i in 0..rng.range(4, 10) {
            buf.push_str(if i > 0 && i % 3 == 0 {
                "\n"
            } else if i > 0 {
                " "
            } else {
                ""
            });
            buf.push_str(rng.pick(SENTENCES));
        }
        buf.push_str("\n\n");
    }
}

// ---------------------------------------------------------------------------
// Files other than contacts
// ---------------------------------------------------------------------------

/// The generated `nudge.yaml` (valid per docs/src/configuration.md).
const NUDGE_YAML: &str = "\
# nudge configuration of the generated benchmark vault
agenda: agenda.md
horizon_days: 10
default_playbook: job-search
business_days: true
holidays: [2026-11-26, 2026-12-24, 2026-12-25, 2027-01-01]
link_style: markdown
include: [\"**/*.md\"]
exclude: [\"templates/**\"]
keywords:
  rang: {channel: call, direction: out, outcome: attempt}
  whatsapp: {channel: message, direction: out, outcome: attempt}
playbooks:
  sales: {cadence: [2d, 5d, 10d, 1m]}
  recruiters: {after_reply: 2d, cadence: [5d], give_up_after: 3, give_up_after_engaged: 6, then: dormant}
";

/// The README at the root (no front matter: not a contact).
const README: &str = "\
# Pipeline

Shared contact notes of the team, one file per person. `nudge agenda` writes
the follow-up list to `agenda.md`.

## Conventions

- One touch per line: `- 2026-11-14 call voicemail: left a message`
- Keep people in `people/<owner>/`, company accounts in `companies/<name>/`.
- Move finished relationships to `archive/<year>/`.
";

/// A contact template (has front matter, excluded by the config).
const TEMPLATE: &str = "\
---
name: \"{{name}}\"
company: \"{{company}}\"
playbook: job-search
tags: []
---

## Touches

## Notes
";

/// The `.gitignore` of an Obsidian vault kept in git (the obsidian style's
/// vault is an empty git repository).
const OBSIDIAN_GITIGNORE: &str = "\
# Obsidian's per-device state and its trash
.obsidian/workspace.json
.obsidian/workspace-mobile.json
.trash/
";

/// Writes the config, README, daily notes, a meeting note, a template and
/// hidden files; in the obsidian style, a `.gitignore` and an empty git
/// repository's `.git`.
fn write_extra_files(ctx: &Ctx<'_>, contacts: usize) -> Result<Stats> {
    let mut files: Vec<(String, String)> = vec![
        ("nudge.yaml".to_owned(), NUDGE_YAML.to_owned()),
        ("README.md".to_owned(), README.to_owned()),
        ("templates/contact.md".to_owned(), TEMPLATE.to_owned()),
        (".obsidian/app.json".to_owned(), "{\"promptDelete\": false}\n".to_owned()),
        (".trash/old-contact.md".to_owned(), "---\nname: Deleted Person\n---\n\n- 2026-01-05 call\n".to_owned()),
    ];
    if ctx.style == CorpusStyle::Obsidian {
        // Most Obsidian vaults are kept in git, with the usual `.gitignore`:
        // the walk must be as fast in a repository as outside one.
        files.push((".gitignore".to_owned(), OBSIDIAN_GITIGNORE.to_owned()));
        for dir in [".git/objects", ".git/refs/heads"] {
            let path = ctx.out.join(dir);
            std::fs::create_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        files.push((".git/HEAD".to_owned(), "ref: refs/heads/main\n".to_owned()));
    }
    let mut rng = Rng::new(ctx.seed, STREAM_CONTENT, u64::MAX);
    let daily = (contacts / 1000).clamp(3, 30);
    for k in 0..daily {
        let day = ctx.today - daily as i64 + k as i64;
        let mut name = String::from("daily/");
        push_date(&mut name, day);
        name.push_str(".md");
        files.push((name, daily_note(&mut rng, day)));
    }
    files.push(("meetings/pipeline-review-2026-q3.md".to_owned(), meeting_note(&mut rng, ctx.today)));
    let mut stats = Stats::default();
    for (name, text) in files {
        let path = ctx.out.join(&name);
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        stats.files += 1;
        stats.bytes += text.len() as u64;
    }
    Ok(stats)
}

/// A daily note: date-like list lines, but no front matter, so no contact.
fn daily_note(rng: &mut Rng, day: i64) -> String {
    let mut text = String::from("# ");
    push_date(&mut text, day);
    text.push_str("\n\n");
    for _ in 0..rng.range(2, 6) {
        text.push_str("- ");
        push_date(&mut text, day);
        let _ = writeln!(text, " call with [[{} {}]]", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
    }
    text.push('\n');
    paragraph(&mut text, rng, 1, 4);
    text
}

/// A team meeting note without front matter.
fn meeting_note(rng: &mut Rng, today: i64) -> String {
    let mut text = String::from("# Pipeline review\n\n");
    paragraph(&mut text, rng, 3, 6);
    text.push_str("## Decisions\n\n");
    for _ in 0..5 {
        text.push_str("- ");
        push_date(&mut text, today - rng.range(60, 90));
        let _ = writeln!(text, " {}", rng.pick(FACTS));
    }
    text
}
