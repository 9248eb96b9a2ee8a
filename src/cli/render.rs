use anyhow::{bail, Result};
use clap::Args;

use bitext::release::Release;
use bitext::tr;

use super::{output::print, Context, ExitStatus};

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The release to render (its folder name under releases/).
    #[arg(value_name = "RELEASE")]
    release: String,

    /// The language to render: its code (`fr`) or full tag (`fr-FR`).
    #[arg(long, value_name = "LANG")]
    lang: String,
}

pub fn run(cx: &Context, mut args: RenderArgs) -> Result<ExitStatus> {
    let lang = [&cx.ws.source, &cx.ws.target]
        .into_iter()
        .find(|l| l.code() == args.lang || l.tag.to_string().eq_ignore_ascii_case(&args.lang));
    let Some(lang) = lang else {
        bail!(tr!(
            "render-bad-lang",
            lang = format!("{:?}", args.lang),
            source = cx.ws.source.code(),
            target = cx.ws.target.code()
        ));
    };
    args.release = super::named_one(cx, &args.release)?;
    let release = Release::load(&cx.ws, &args.release)?;
    print(&bitext::boilerplate::expand(&cx.ws, &release, lang)?)?;
    Ok(ExitStatus::Clean)
}
