//! Serves the sandbox (XSUAA, connectivity proxy, destination service and the
//! business-partner Gateway service) on loopback ports for your own app or curl, and
//! prints its URLs, a user's token and a ready `VCAP_SERVICES`.
//!
//! Run: `cargo run -p odata-sandbox --bin sandbox [-- --user NAME] [-- --for SECONDS]`

use odata_sandbox::Sandbox;
use std::time::Duration;

fn main() -> std::io::Result<()> {
    let mut user = "alice".to_owned();
    let mut lifetime = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--user", Some(name)) => user = name,
            ("--for", Some(seconds)) => {
                let seconds = seconds.parse().map_err(|_| std::io::Error::other("--for takes a number of seconds"))?;
                lifetime = Some(Duration::from_secs(seconds));
            }
            _ => {
                eprintln!("usage: sandbox [--user NAME] [--for SECONDS]");
                std::process::exit(2);
            }
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let sandbox = Sandbox::start().await?;
        let token = sandbox.log_in(&user);
        let vcap = sandbox.vcap_services().to_string();
        println!("odata-sandbox is serving (sandbox-only keys and secrets; never use them elsewhere)");
        println!();
        println!("XSUAA                 {}", sandbox.xsuaa.url());
        println!("connectivity proxy    {}", sandbox.proxy.url());
        println!("destination service   {}", sandbox.destinations.url());
        println!("Gateway (OData V2)    {}", sandbox.gateway.url());
        println!(
            "on premise            {} (through the proxy, location {})",
            sandbox.on_premise_url(),
            odata_sandbox::LOCATION_ID
        );
        println!("destinations          S4_BP (Internet), S4_BP_ONPREM (OnPremise, PrincipalPropagation)");
        println!();
        println!("{user}'s token (valid one hour):");
        println!("{token}");
        println!();
        println!(
            "try:  curl -H 'Authorization: Bearer <token>' '{}A_BusinessPartner?$top=2&$format=json'",
            sandbox.gateway.url()
        );
        println!();
        println!("for your app (one line, ready to paste into a shell):");
        println!("export VCAP_SERVICES='{vcap}'");
        match lifetime {
            Some(lifetime) => tokio::time::sleep(lifetime).await,
            None => std::future::pending::<()>().await,
        }
        Ok(())
    })
}
