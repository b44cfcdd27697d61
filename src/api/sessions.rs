//! Seed section "Coupon session": couponsession/data, update, search, campaignsession/search,
//! singleuse/remove, couponsession/barcode.
