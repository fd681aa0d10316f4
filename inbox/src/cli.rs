//! What each subcommand does: serve, migrate, purge, user add, key
//! generate / rotate. Invariant: every failure is one clear line on
//! standard error and a non-zero exit, never a panic.

use crate::config::{load_keys, Cli, Command, KeyCommand, StoreArgs, UserCommand};
use crate::crypto::{self, Keyring};
use crate::db::Db;
use crate::store::Store;
use anyhow::{anyhow, bail, Context};
use clap::Parser;
use std::io::{Read, Write};
use std::process::ExitCode;

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()))
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pfs-inbox: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pfs-inbox: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn open_db(store: &StoreArgs) -> anyhow::Result<Db> {
    std::fs::create_dir_all(&store.data).with_context(|| format!("--data {}", store.data.display()))?;
    let db = Db::connect(&store.database_url()).await.context("--database")?;
    db.migrate().await?;
    Ok(db)
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => {
            let keys = load_keys(&args.key, &args.store.data).map_err(|e| anyhow!(e))?;
            let settings = args.check().map_err(|e| anyhow!(e))?;
            crate::server::serve(settings, keys).await
        }
        Command::Migrate(store) => {
            open_db(&store).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Purge { store, retention_days } => {
            let db = open_db(&store).await?;
            let files = Store::open(&store.data)?;
            let n = crate::purge::purge(&db, &files, retention_days, "cli").await?;
            println!("{n} leads older than {retention_days} days deleted");
            Ok(())
        }
        Command::User(UserCommand::Add { email, admin, store, .. }) => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password).context("reading the password from standard input")?;
            let password = password.trim_end_matches(['\n', '\r']);
            crate::auth::check_new_password(password).map_err(|e| anyhow!(e))?;
            if email.parse::<lettre::Address>().is_err() {
                bail!("{email:?} is not an e-mail address");
            }
            let db = open_db(&store).await?;
            let hash = crate::auth::hash_password(password.to_string()).await?;
            match db.add_user(&email.to_lowercase(), &hash, if admin { "admin" } else { "staff" }).await {
                Err(e) if e.is_unique_violation() => bail!("a user {email} already exists"),
                other => other?,
            }
            db.audit("cli", "user added", None, &format!("{email} ({})", if admin { "admin" } else { "staff" })).await?;
            println!("user {email} added{}", if admin { " (admin)" } else { "" });
            Ok(())
        }
        Command::Key(KeyCommand::Generate { key_file }) => {
            write_new_key_file(&key_file)?;
            println!("key written to {}; back it up apart from the database (see docs/inbox.md)", key_file.display());
            Ok(())
        }
        Command::Key(KeyCommand::Rotate { key_file, store }) => {
            let db = open_db(&store).await?;
            let files = Store::open(&store.data)?;
            let mut f =
                std::fs::OpenOptions::new().append(true).open(&key_file).with_context(|| format!("--key-file {}", key_file.display()))?;
            f.write_all(crypto::new_key_line().as_bytes())?;
            f.sync_all()?;
            let keys = Keyring::load(&key_file)?;
            let n = crate::rotate::reseal_all(&db, &files, &keys).await?;
            db.audit("cli", "key rotated", None, &format!("{n} leads re-encrypted with key {}", keys.current_id())).await?;
            println!("{n} leads re-encrypted with key {}; keep the old keys until your backups made before now expire", keys.current_id());
            Ok(())
        }
    }
}

fn write_new_key_file(path: &std::path::Path) -> anyhow::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("--key-file {} (an existing key file is never overwritten)", path.display()))?;
    f.write_all(b"# pfs-inbox encryption keys: the last line seals new data; keep older lines while data sealed with them exists.\n")?;
    f.write_all(crypto::new_key_line().as_bytes())?;
    f.sync_all()?;
    Ok(())
}
