use anyhow::{anyhow, Result};
use clap::Args;

use bitext::release::scaffold::{self, NewRelease};
use bitext::text::date::Date;
use bitext::tr;

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The release folder name under releases/ (lowercase letters, digits
    /// and hyphens).
    #[arg(value_name = "SLUG")]
    slug: String,

    /// The title in the source language (English); its URL slug is made from it.
    #[arg(long, value_name = "TITLE")]
    title: String,

    /// The title in the target language (French); its URL slug is made from
    /// it. Leave it out when the French is written later: the French slug
    /// stays empty, follows the title once there is one, and `check` warns
    /// `french-title-missing` until then.
    #[arg(long, value_name = "TITRE")]
    titre: Option<String>,

    /// The release date, YYYY-MM-DD; today (UTC) by default.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
}

pub fn run(cx: &Context, args: NewArgs) -> Result<ExitStatus> {
    let date = match &args.date {
        Some(text) => Date::parse(text).ok_or_else(|| anyhow!(tr!("new-bad-date", value = text)))?,
        None => Date::today(),
    };
    let _lock = super::lock_for_writing(cx)?;
    let dir = scaffold::create(
        &cx.ws,
        &NewRelease {
            slug: args.slug,
            source_title: args.title,
            target_title: args.titre,
            date,
        },
    )?;
    print(&(tr!("new-created", path = cx.ws.relative(&dir).display()) + "\n"))?;
    Ok(ExitStatus::Clean)
}
