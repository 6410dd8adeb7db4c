//! ps's command line, read as procps reads it: a word starting with `--` is a GNU long
//! option, one starting with `-` a cluster of UNIX options (`-ef`, `-eo pid,comm`,
//! `-p1`), any other word a cluster of BSD options (`aux`, `axu`, `ww`) or a pid list.
//! Options that take a value take the rest of their word, or the next word.

/// Which column set is printed when no `-o` is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// procps's default: `PID TTY TIME CMD`.
    Unix,
    /// `-f`: `UID PID PPID C STIME TTY TIME CMD`.
    Full,
    /// `-F`: `UID PID PPID C SZ RSS PSR STIME TTY TIME CMD`.
    ExtraFull,
    /// `-ly`: `S UID PID PPID C PRI NI RSS SZ WCHAN TTY TIME CMD` (`-f` too: user
    /// names, STIME and the arguments).
    LongY {
        /// With `-f`.
        full: bool,
    },
    /// `-l`: `F S UID PID PPID C PRI NI ADDR SZ WCHAN TTY TIME CMD` (`-f` too).
    Long {
        /// With `-f`.
        full: bool,
    },
    /// BSD without `u` (`ax`, `x`): `PID TTY STAT TIME COMMAND`.
    Bsd,
    /// BSD `u` (`aux`): `USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND`.
    BsdUser,
}

/// One `-o` column: the field name and, after `=`, its header (empty hides it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The field, lower case (`pid`, `%cpu`, `comm`).
    pub key: String,
    /// The header given with `field=HEADER`; `None` for the field's own.
    pub header: Option<String>,
    /// The width given with `field:WIDTH`; `None` for the field's own.
    pub width: Option<usize>,
}

/// What the ps words asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PsOpts {
    /// Every process (`-e`, `-A`, BSD `ax`).
    pub all: bool,
    /// BSD `a`: every user's processes (those with a terminal unless `x`).
    pub bsd_a: bool,
    /// BSD `x`: processes without a terminal too (only one's own unless `a`).
    pub bsd_x: bool,
    /// A BSD option was given: without `x`, only processes with a terminal.
    pub bsd: bool,
    /// `-p`, `p`, `--pid`, bare pids.
    pub pids: Vec<u32>,
    /// `--ppid`: children of these pids.
    pub ppids: Vec<u32>,
    /// `-u`, `-U`, `U`, `--user`: users by name or uid.
    pub users: Vec<String>,
    /// `-C`: processes whose command name (comm) is one of these.
    pub comms: Vec<String>,
    /// The column set when `columns` is empty.
    pub format: Format,
    /// `-o`, `o`, `--format`: the columns, in order.
    pub columns: Vec<Column>,
    /// `--sort`: keys with an optional `+`/`-` prefix, most significant first.
    pub sort: Vec<String>,
    /// `--forest`, BSD `f`: children under their parent, drawn with `\_`.
    pub forest: bool,
    /// False with `--no-headers`.
    pub headers: bool,
    /// `-L`: one row per thread, with an LWP column (and NLWP with `-f`/`-F`).
    pub threads: bool,
    /// `--json` written after `ps`.
    pub json: bool,
}

impl Default for PsOpts {
    fn default() -> Self {
        PsOpts {
            all: false,
            bsd_a: false,
            bsd_x: false,
            bsd: false,
            pids: Vec::new(),
            ppids: Vec::new(),
            users: Vec::new(),
            comms: Vec::new(),
            format: Format::Unix,
            columns: Vec::new(),
            sort: Vec::new(),
            forest: false,
            headers: true,
            threads: false,
            json: false,
        }
    }
}

impl PsOpts {
    /// True when a selection option (pids, parents, users, commands) was given.
    pub fn selects(&self) -> bool {
        !(self.pids.is_empty()
            && self.ppids.is_empty()
            && self.users.is_empty()
            && self.comms.is_empty())
    }
}

/// The usage line of the errors.
pub const USAGE: &str =
    "usage: psutil ps [aux | ax | u | x | ww] [-e | -A] [-f | -F | -l | -ly] [-L] [-p PIDS] \
[-u USERS] [-C NAMES] [-o FIELDS] [--sort KEYS] [--pid PIDS] [--ppid PIDS] [--forest] \
[--no-headers] [--json]";

/// Items of a list written with commas or blanks (`1,2 3`).
fn items(v: &str) -> impl Iterator<Item = &str> {
    v.split([',', ' ', '\t']).filter(|s| !s.is_empty())
}

fn pid_list(v: &str, opt: &str) -> Result<Vec<u32>, String> {
    let pids: Vec<u32> = items(v)
        .map(|s| {
            s.parse::<u32>()
                .map_err(|_| format!("{opt}: process ID list syntax error: {s:?} is not a pid"))
        })
        .collect::<Result<_, _>>()?;
    if pids.is_empty() {
        return Err(format!("{opt}: empty process ID list"));
    }
    Ok(pids)
}

/// `-o` fields: `a,b=HEADER,c:WIDTH`, each item with its own header and width.
fn columns(v: &str, out: &mut Vec<Column>) -> Result<(), String> {
    let mut any = false;
    for item in items(v) {
        any = true;
        let (spec, header) = match item.split_once('=') {
            Some((k, h)) => (k, Some(h.to_string())),
            None => (item, None),
        };
        let (key, width) = match spec.split_once(':') {
            Some((key, w)) => {
                let w = w
                    .parse::<usize>()
                    .ok()
                    .filter(|w| *w > 0)
                    .ok_or_else(|| format!("-o {item:?}: {w:?} is not a width"))?;
                (key, Some(w))
            }
            None => (spec, None),
        };
        out.push(Column {
            key: key.to_ascii_lowercase(),
            header,
            width,
        });
    }
    if !any {
        return Err(format!("-o {v:?}: no field given"));
    }
    Ok(())
}

/// The value of an option: the rest of its word, else the next word.
fn value<'a>(
    rest: &'a str,
    words: &mut impl Iterator<Item = &'a String>,
    opt: &str,
) -> Result<&'a str, String> {
    if !rest.is_empty() {
        return Ok(rest);
    }
    words
        .next()
        .map(String::as_str)
        .ok_or_else(|| format!("{opt}: a list is required after it\n{USAGE}"))
}

/// Reads ps's words (everything after `ps`).
pub fn parse(words: &[String]) -> Result<PsOpts, String> {
    let mut o = PsOpts::default();
    let mut user_format = false;
    let mut full = false;
    let mut extra_full = false;
    let (mut long, mut y) = (false, false);
    let mut it = words.iter();
    while let Some(w) = it.next() {
        if let Some(long) = w.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (long, None),
            };
            let opt = format!("--{name}");
            match name {
                "json" => o.json = true,
                "forest" => o.forest = true,
                "no-headers" | "no-heading" | "no-header" => o.headers = false,
                "headers" | "heading" => o.headers = true,
                "sort" => o
                    .sort
                    .extend(items(value(inline.unwrap_or(""), &mut it, &opt)?).map(str::to_string)),
                "pid" => o.pids.extend(pid_list(
                    value(inline.unwrap_or(""), &mut it, &opt)?,
                    "--pid",
                )?),
                "ppid" => o.ppids.extend(pid_list(
                    value(inline.unwrap_or(""), &mut it, &opt)?,
                    "--ppid",
                )?),
                "user" | "User" => o
                    .users
                    .extend(items(value(inline.unwrap_or(""), &mut it, &opt)?).map(str::to_string)),
                "format" => columns(value(inline.unwrap_or(""), &mut it, &opt)?, &mut o.columns)?,
                // No line is ever cut (the output of a pipe is not either, in procps).
                "cols" | "columns" | "width" => {
                    value(inline.unwrap_or(""), &mut it, &opt)?;
                }
                _ => return Err(format!("unknown option --{name}\n{USAGE}")),
            }
        } else if let Some(cluster) = w.strip_prefix('-').filter(|c| !c.is_empty()) {
            for (i, c) in cluster.char_indices() {
                let rest = &cluster[i + c.len_utf8()..];
                let opt = format!("-{c}");
                match c {
                    'e' | 'A' => o.all = true,
                    'f' => full = true,
                    'F' => extra_full = true,
                    'l' => long = true,
                    'y' => y = true,
                    'L' => o.threads = true,
                    'w' => {}
                    'p' | 'q' => {
                        o.pids.extend(pid_list(value(rest, &mut it, &opt)?, &opt)?);
                        break;
                    }
                    'u' | 'U' => {
                        o.users
                            .extend(items(value(rest, &mut it, &opt)?).map(str::to_string));
                        break;
                    }
                    'C' => {
                        o.comms
                            .extend(items(value(rest, &mut it, &opt)?).map(str::to_string));
                        break;
                    }
                    'o' => {
                        columns(value(rest, &mut it, &opt)?, &mut o.columns)?;
                        break;
                    }
                    _ => return Err(format!("unsupported option -{c}\n{USAGE}")),
                }
            }
        } else if !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ',') {
            o.pids.extend(pid_list(w, "pid list")?);
        } else {
            o.bsd = true;
            for (i, c) in w.char_indices() {
                let rest = &w[i + c.len_utf8()..];
                let opt = c.to_string();
                match c {
                    'a' => o.bsd_a = true,
                    'x' => o.bsd_x = true,
                    'u' => user_format = true,
                    'w' => {}
                    'f' => o.forest = true,
                    'p' => {
                        o.pids.extend(pid_list(value(rest, &mut it, &opt)?, &opt)?);
                        break;
                    }
                    'U' => {
                        o.users
                            .extend(items(value(rest, &mut it, &opt)?).map(str::to_string));
                        break;
                    }
                    'o' => {
                        columns(value(rest, &mut it, &opt)?, &mut o.columns)?;
                        break;
                    }
                    _ => {
                        return Err(format!(
                            "unsupported option {c:?} (BSD syntax) in {w:?}\n{USAGE}"
                        ))
                    }
                }
            }
        }
    }
    if o.bsd_a && o.bsd_x {
        o.all = true;
    }
    if y && !long {
        return Err(format!("-y: it goes with -l (-ly)\n{USAGE}"));
    }
    o.format = if user_format {
        Format::BsdUser
    } else if long && y {
        Format::LongY { full }
    } else if long {
        Format::Long { full }
    } else if extra_full {
        Format::ExtraFull
    } else if full {
        Format::Full
    } else if o.bsd {
        Format::Bsd
    } else {
        Format::Unix
    };
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PsOpts {
        let w: Vec<String> = s.split_whitespace().map(String::from).collect();
        parse(&w).unwrap()
    }

    #[test]
    fn the_three_syntaxes() {
        let aux = p("aux");
        assert!(aux.all && aux.format == Format::BsdUser);
        let ax = p("ax");
        assert!(ax.all && ax.format == Format::Bsd);
        let x = p("x");
        assert!(!x.all && x.bsd_x && x.format == Format::Bsd);
        let ef = p("-ef");
        assert!(ef.all && ef.format == Format::Full);
        assert_eq!(p("-e -f"), ef);
        assert_eq!(p("-ww aux"), p("auxww"));
        let eo = p("-eo pid,comm=NAME");
        assert_eq!(eo.columns.len(), 2);
        assert_eq!(eo.columns[1].header.as_deref(), Some("NAME"));
        assert_eq!(p("-o pid= -e").columns[0].header.as_deref(), Some(""));
        assert_eq!(p("-p1,2 -p 3 4").pids, [1, 2, 3, 4]);
        assert_eq!(p("--pid=5 --ppid 1").ppids, [1]);
        assert_eq!(p("-C sleep,bash").comms, ["sleep", "bash"]);
        assert_eq!(p("--sort=-rss,pid").sort, ["-rss", "pid"]);
        assert!(p("axf").forest && p("--forest").forest);
        assert!(p("aux --json").json);
        assert!(p("-eF").all && p("-eF").format == Format::ExtraFull);
        assert_eq!(p("-ely").format, Format::LongY { full: false });
        assert_eq!(p("-elyf").format, Format::LongY { full: true });
        assert!(p("-eLf").threads && p("-eLf").format == Format::Full);
        assert_eq!(p("-el").format, Format::Long { full: false });
        assert!(!p("--no-headers").headers);
        let named = p("-o pid=X,comm,args=Y").columns;
        assert_eq!(named[0].header.as_deref(), Some("X"));
        assert_eq!(named[1].header, None);
        assert_eq!(named[2].header.as_deref(), Some("Y"));
        assert_eq!(p("-o user:32").columns[0].width, Some(32));
    }

    #[test]
    fn bad_words_are_errors_naming_them() {
        for (w, what) in [
            ("-Z", "-Z"),
            ("auz", "'z'"),
            ("--bogus", "--bogus"),
            ("-p", "-p"),
            ("-p x1", "x1"),
            ("-o", "-o"),
            ("-o user:x", "user:x"),
            ("-ey", "-ly"),
        ] {
            let words: Vec<String> = w.split_whitespace().map(String::from).collect();
            let e = parse(&words).unwrap_err();
            assert!(e.contains(what), "{w}: {e}");
        }
    }
}
