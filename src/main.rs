fn main() {
    println!("coupon-kiosk");
}
