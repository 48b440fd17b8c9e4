//! Publication dates to ISO 8601. Pages write them in many ways; the common machine-readable ones and
//! "March 4, 2022" / "4 March 2022" are normalised, anything else is passed on as written rather than
//! guessed at.

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

pub fn to_iso8601(raw: &str) -> String {
    let value = raw.trim();
    numeric(value).or_else(|| with_month_name(value)).unwrap_or_else(|| value.to_string())
}

fn digits(s: &str, n: usize) -> Option<&str> {
    if s.len() >= n && s.as_bytes()[..n].iter().all(u8::is_ascii_digit) {
        Some(&s[..n])
    } else {
        None
    }
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`, optionally followed (after `T` or a space) by `HH:MM[:SS[.fff]]` and a
/// zone (`Z`, `±HH:MM` or `±HHMM`).
fn numeric(value: &str) -> Option<String> {
    let year = digits(value, 4)?;
    let separator = value.as_bytes().get(4).copied()?;
    if separator != b'-' && separator != b'/' {
        return None;
    }
    let month = digits(&value[5..], 2)?;
    if value.as_bytes().get(7).copied()? != separator {
        return None;
    }
    let day = digits(&value[8..], 2)?;
    if !valid_date(year, month, day) {
        return None;
    }
    let mut out = format!("{}-{}-{}", year, month, day);
    let rest = &value[10..];
    if rest.is_empty() {
        return Some(out);
    }
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let hours = digits(rest, 2)?;
    if rest.as_bytes().get(2).copied()? != b':' {
        return None;
    }
    let minutes = digits(&rest[3..], 2)?;
    out.push('T');
    out.push_str(hours);
    out.push(':');
    out.push_str(minutes);
    let mut rest = &rest[5..];
    if let Some(seconds) = rest.strip_prefix(':').and_then(|r| digits(r, 2)) {
        out.push(':');
        out.push_str(seconds);
        rest = &rest[3..];
        if let Some(fraction) = rest.strip_prefix('.') {
            let length = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if length > 0 {
                out.push('.');
                out.push_str(&fraction[..length]);
                rest = &fraction[length..];
            }
        }
    }
    match rest {
        "" => Some(out),
        "Z" | "z" => Some(out + "Z"),
        zone if zone.starts_with('+') || zone.starts_with('-') => {
            let sign = &zone[..1];
            let body = zone[1..].replace(':', "");
            let hh = digits(&body, 2)?;
            let mm = digits(&body[2..], 2)?;
            if body.len() != 4 {
                return None;
            }
            Some(format!("{}{}{}:{}", out, sign, hh, mm))
        }
        _ => None,
    }
}

/// "March 4, 2022", "Mar 4 2022" or "4 March 2022" (an optional weekday first).
fn with_month_name(value: &str) -> Option<String> {
    let words: Vec<String> =
        value.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).map(|w| w.trim_end_matches('.').to_lowercase()).collect();
    let month_of = |w: &str| MONTHS.iter().position(|m| w.len() >= 3 && w.starts_with(m)).map(|i| i + 1);
    let day_of = |w: &str| {
        let d = w.trim_end_matches(|c: char| c.is_alphabetic());
        d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
    };
    let year_of = |w: &str| w.parse::<u32>().ok().filter(|y| (1900..=2200).contains(y));
    for start in 0..words.len().min(2) {
        let w = &words[start..];
        if w.len() < 3 {
            break;
        }
        let parsed = match (month_of(&w[0]), day_of(&w[1]), year_of(&w[2])) {
            (Some(m), Some(d), Some(y)) => Some((y, m, d)),
            _ => match (day_of(&w[0]), month_of(&w[1]), year_of(&w[2])) {
                (Some(d), Some(m), Some(y)) => Some((y, m, d)),
                _ => None,
            },
        };
        if let Some((y, m, d)) = parsed {
            return Some(format!("{:04}-{:02}-{:02}", y, m, d));
        }
    }
    None
}

fn valid_date(year: &str, month: &str, day: &str) -> bool {
    let (y, m, d) = (year.parse::<u32>().unwrap_or(0), month.parse::<u32>().unwrap_or(0), day.parse::<u32>().unwrap_or(0));
    (1000..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::to_iso8601;

    #[test]
    fn machine_dates_become_iso_8601() {
        assert_eq!(to_iso8601("2024-06-25"), "2024-06-25");
        assert_eq!(to_iso8601("2018-04-05T06:00"), "2018-04-05T06:00");
        assert_eq!(to_iso8601("2021-11-01T10:52:50+0100"), "2021-11-01T10:52:50+01:00");
        assert_eq!(to_iso8601("2017-11-03 03:01:00.000000"), "2017-11-03T03:01:00.000000");
        assert_eq!(to_iso8601(" 2019-01-03T07:00:02.000Z "), "2019-01-03T07:00:02.000Z");
        assert_eq!(to_iso8601("2015/07/10"), "2015-07-10");
    }

    #[test]
    fn written_dates_are_read_and_the_rest_kept() {
        assert_eq!(to_iso8601("March 4, 2022"), "2022-03-04");
        assert_eq!(to_iso8601("Tuesday, 4 Sept. 2018"), "2018-09-04");
        assert_eq!(to_iso8601("yesterday"), "yesterday");
        assert_eq!(to_iso8601("2019-13-45"), "2019-13-45");
    }
}
