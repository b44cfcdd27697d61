//! Secrets handed over by systemd: a unit's `LoadCredential=NAME:PATH` puts a copy of PATH in
//! `$CREDENTIALS_DIRECTORY/NAME`, readable only by the service's user, so the API secret never
//! sits in the config file, the environment or the unit itself (see assets/systemd/).

use std::io::Read;
use std::path::Path;

/// The credential holding the API client secret.
pub const CLIENT_SECRET: &str = "coupontools-client-secret";
/// Where systemd says the service's credentials are.
pub const ENV_CREDENTIALS_DIRECTORY: &str = "CREDENTIALS_DIRECTORY";
/// A client secret is a few dozen characters; anything much larger is the wrong file.
const MAX_BYTES: u64 = 4096;

/// The client secret from `$CREDENTIALS_DIRECTORY`, when the service was given one.
pub fn client_secret() -> Result<Option<String>, String> {
    match std::env::var_os(ENV_CREDENTIALS_DIRECTORY) {
        Some(dir) if !dir.is_empty() => read(Path::new(&dir), CLIENT_SECRET),
        _ => Ok(None),
    }
}

/// Reads credential `name` in `dir`: `None` when there is none (or it is empty), the text
/// without its trailing newline otherwise. Errors name the file, never its content.
pub fn read(dir: &Path, name: &str) -> Result<Option<String>, String> {
    let path = dir.join(name);
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("Cannot read the credential {}: {e}", path.display())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("Cannot read the credential {}: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "The credential {} is over {MAX_BYTES} bytes: is it the right file?",
            path.display()
        ));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("The credential {} is not UTF-8 text.", path.display()))?;
    let secret = text.trim_end_matches(['\r', '\n']);
    Ok((!secret.trim().is_empty()).then(|| secret.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_secret_without_its_newline() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CLIENT_SECRET), "s3cr3t value\n").unwrap();
        assert_eq!(
            read(dir.path(), CLIENT_SECRET).unwrap().as_deref(),
            Some("s3cr3t value")
        );
    }

    #[test]
    fn absent_or_empty_is_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path(), CLIENT_SECRET).unwrap(), None);
        std::fs::write(dir.path().join(CLIENT_SECRET), "\n").unwrap();
        assert_eq!(read(dir.path(), CLIENT_SECRET).unwrap(), None);
    }

    #[test]
    fn the_wrong_file_is_refused_without_showing_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CLIENT_SECRET);
        std::fs::write(&path, "hunter2".repeat(1000)).unwrap();
        let e = read(dir.path(), CLIENT_SECRET).unwrap_err();
        assert!(e.contains("over 4096 bytes") && !e.contains("hunter2"), "{e}");
        std::fs::write(&path, [0xff, 0xfe, b'x']).unwrap();
        assert!(read(dir.path(), CLIENT_SECRET).unwrap_err().contains("not UTF-8"));
    }
}
