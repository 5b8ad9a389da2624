/* seed_help.c: demo help-center content for Nodi Shop, a fictional online shop (English and Bengali) */
#include "help.h"
#include "../core/log.h"

static const struct {
	const char *slug, *en, *bn;
} categories[] = {
	{ "orders", "Orders", "অর্ডার" },
	{ "delivery", "Delivery", "ডেলিভারি" },
	{ "returns-refunds", "Returns and refunds", "রিটার্ন ও রিফান্ড" },
	{ "payments", "Payments", "পেমেন্ট" },
	{ "account", "Your account", "আপনার অ্যাকাউন্ট" },
	{ "privacy", "Privacy and your data", "গোপনীয়তা ও আপনার তথ্য" },
};

static const struct {
	int category;
	const char *slug;
	int views;
	const char *en_title, *en_body, *bn_title, *bn_body; /* bn NULL: English only */
} articles[] = {
	/* ---- orders ---- */
	{ 0, "place-an-order", 420,
	  "How to place an order",
	  "Add the items you want to your **basket**, then choose *Checkout*.\n\n"
	  "1. Check the sizes, colours and quantities.\n2. Enter or choose your delivery address.\n"
	  "3. Pick a payment method and confirm.\n\nYou receive an order confirmation email within a few minutes, "
	  "with your order number (it starts with `NS-`).",
	  "কীভাবে অর্ডার করবেন",
	  "যে পণ্যগুলো চান সেগুলো **ঝুড়িতে** যোগ করুন, তারপর *চেকআউট* বেছে নিন।\n\n"
	  "১. সাইজ, রং ও পরিমাণ মিলিয়ে নিন।\n২. ডেলিভারির ঠিকানা লিখুন বা বেছে নিন।\n"
	  "৩. পেমেন্টের পদ্ধতি বেছে নিয়ে নিশ্চিত করুন।\n\nকয়েক মিনিটের মধ্যে অর্ডার নম্বরসহ (শুরু হয় `NS-` দিয়ে) "
	  "একটি নিশ্চিতকরণ ইমেইল পাবেন।" },
	{ 0, "change-or-cancel-an-order", 380,
	  "Change or cancel an order",
	  "You can change or cancel an order **until it is packed**, usually within two hours of ordering.\n\n"
	  "Open *My orders*, choose the order and press *Cancel order* or *Change address*. Once the order is packed, "
	  "cancelling is no longer possible, but you can refuse the parcel or return it for free.",
	  "অর্ডার পরিবর্তন বা বাতিল করা",
	  "অর্ডার **প্যাক হওয়ার আগ পর্যন্ত** পরিবর্তন বা বাতিল করা যায়, সাধারণত অর্ডারের দুই ঘণ্টার মধ্যে।\n\n"
	  "*আমার অর্ডার* খুলে অর্ডারটি বেছে *অর্ডার বাতিল* বা *ঠিকানা পরিবর্তন* চাপুন। প্যাক হয়ে গেলে আর বাতিল করা যায় না, "
	  "তবে পার্সেল ফিরিয়ে দিতে বা বিনা খরচে রিটার্ন করতে পারেন।" },
	{ 0, "order-confirmation-missing", 150,
	  "I did not get an order confirmation",
	  "Confirmation emails usually arrive within five minutes.\n\n- Check your spam or promotions folder.\n"
	  "- Make sure the email address in *My account* is correct.\n- Look in *My orders*: if the order is listed, it went through.\n\n"
	  "If the order is not listed, no payment was taken. Any amount reserved by your bank is released within 5 working days.",
	  "অর্ডারের নিশ্চিতকরণ ইমেইল পাইনি",
	  "নিশ্চিতকরণ ইমেইল সাধারণত পাঁচ মিনিটের মধ্যে আসে।\n\n- স্প্যাম বা প্রোমোশন ফোল্ডার দেখুন।\n"
	  "- *আমার অ্যাকাউন্ট*-এ ইমেইল ঠিকানা সঠিক কি না দেখুন।\n- *আমার অর্ডার* দেখুন: অর্ডার তালিকায় থাকলে সেটি সম্পন্ন হয়েছে।\n\n"
	  "তালিকায় না থাকলে কোনো টাকা কাটা হয়নি। ব্যাংকের আটকে রাখা টাকা ৫ কর্মদিবসের মধ্যে ফেরত আসে।" },
	{ 0, "out-of-stock-items", 90,
	  "Items that are out of stock",
	  "When an item is out of stock, press *Notify me* on its page and we send you one email when it is back.\n\n"
	  "If an item in your order runs out before packing, we refund that item in full and send the rest.",
	  "স্টকে নেই এমন পণ্য",
	  "কোনো পণ্য স্টকে না থাকলে তার পাতায় *জানান* চাপুন, পণ্যটি ফিরে এলে আমরা একটি ইমেইল পাঠাব।\n\n"
	  "প্যাক করার আগে অর্ডারের কোনো পণ্য শেষ হয়ে গেলে সেই পণ্যের পুরো টাকা ফেরত দিই এবং বাকিগুলো পাঠাই।" },
	{ 0, "order-history-and-invoices", 120,
	  "Order history and invoices",
	  "All your orders are in *My orders*, newest first. Open an order to download its **invoice** as a PDF.\n\n"
	  "Invoices show the VAT for each item. Orders placed as a guest can be added to your account with the order number and email.",
	  "অর্ডারের ইতিহাস ও ইনভয়েস",
	  "আপনার সব অর্ডার *আমার অর্ডার*-এ আছে, নতুনগুলো আগে। কোনো অর্ডার খুলে তার **ইনভয়েস** PDF হিসেবে ডাউনলোড করুন।\n\n"
	  "ইনভয়েসে প্রতিটি পণ্যের ভ্যাট দেখানো থাকে। অতিথি হিসেবে করা অর্ডার অর্ডার নম্বর ও ইমেইল দিয়ে অ্যাকাউন্টে যোগ করা যায়।" },
	{ 0, "gift-wrapping", 40,
	  "Gift wrapping and gift messages",
	  "At checkout, tick *This is a gift* to add gift wrapping (৳50 per parcel) and a message of up to 200 characters. "
	  "Prices are never shown on the packing slip of a gift.",
	  NULL, NULL },
	/* ---- delivery ---- */
	{ 1, "delivery-times", 640,
	  "Delivery times and costs",
	  "Inside Dhaka: **1–2 working days**, ৳60.\n\nOutside Dhaka: **3–5 working days**, ৳120.\n\n"
	  "Delivery is free for orders over ৳2,000. Orders placed before 2 pm on a working day leave our warehouse the same day.",
	  "ডেলিভারির সময় ও খরচ",
	  "ঢাকার ভেতরে: **১–২ কর্মদিবস**, ৳৬০।\n\nঢাকার বাইরে: **৩–৫ কর্মদিবস**, ৳১২০।\n\n"
	  "৳২,০০০-এর বেশি অর্ডারে ডেলিভারি ফ্রি। কর্মদিবসে দুপুর ২টার আগে দেওয়া অর্ডার সেদিনই গুদাম থেকে রওনা হয়।" },
	{ 1, "track-your-order", 720,
	  "Track your order",
	  "When your parcel leaves the warehouse we send you an SMS and an email with a **tracking link**.\n\n"
	  "You can also open *My orders* and press *Track*. Tracking updates can take up to 12 hours to appear after dispatch.",
	  "আপনার অর্ডার ট্র্যাক করুন",
	  "পার্সেল গুদাম থেকে রওনা হলে আমরা একটি **ট্র্যাকিং লিংক**সহ এসএমএস ও ইমেইল পাঠাই।\n\n"
	  "*আমার অর্ডার* খুলে *ট্র্যাক* চাপতেও পারেন। রওনা হওয়ার পর ট্র্যাকিং তথ্য আসতে ১২ ঘণ্টা পর্যন্ত লাগতে পারে।" },
	{ 1, "late-delivery", 310,
	  "My delivery is late",
	  "Most late parcels arrive within two extra days. First check the tracking link for a message from the courier.\n\n"
	  "If the parcel is more than **3 working days late**, contact us with your order number and we will trace it with the courier, "
	  "or send a replacement.",
	  "ডেলিভারি দেরি হচ্ছে",
	  "দেরি হওয়া বেশিরভাগ পার্সেল আরও দুই দিনের মধ্যে পৌঁছে যায়। আগে ট্র্যাকিং লিংকে কুরিয়ারের বার্তা দেখুন।\n\n"
	  "পার্সেল **৩ কর্মদিবসের বেশি দেরি** হলে অর্ডার নম্বর দিয়ে আমাদের জানান, আমরা কুরিয়ারের সাথে খুঁজে দেখব "
	  "অথবা নতুন পণ্য পাঠাব।" },
	{ 1, "change-delivery-address", 140,
	  "Change the delivery address",
	  "Before the order is packed, open *My orders* and press *Change address*.\n\n"
	  "After dispatch, use the courier's tracking link to redirect the parcel to a pickup point, where available.",
	  "ডেলিভারির ঠিকানা পরিবর্তন",
	  "অর্ডার প্যাক হওয়ার আগে *আমার অর্ডার* খুলে *ঠিকানা পরিবর্তন* চাপুন।\n\n"
	  "রওনা হওয়ার পর কুরিয়ারের ট্র্যাকিং লিংক থেকে পার্সেলটি কাছের পিকআপ পয়েন্টে পাঠাতে পারেন, যেখানে সুবিধা আছে।" },
	{ 1, "missed-delivery", 110,
	  "I missed my delivery",
	  "The courier calls before delivering. If nobody answers, they try again the next working day.\n\n"
	  "After **two failed attempts** the parcel comes back to us and we refund the order, including delivery.",
	  "ডেলিভারির সময় উপস্থিত ছিলাম না",
	  "কুরিয়ার ডেলিভারির আগে ফোন করেন। কেউ না ধরলে পরের কর্মদিবসে আবার চেষ্টা করেন।\n\n"
	  "**দুইবার ব্যর্থ** হলে পার্সেল আমাদের কাছে ফেরত আসে এবং ডেলিভারি খরচসহ অর্ডারের টাকা ফেরত দেওয়া হয়।" },
	{ 1, "damaged-parcel", 95,
	  "My parcel arrived damaged",
	  "Please take a photo of the parcel and the item **before you throw away the packaging**, and contact us within 48 hours.\n\n"
	  "We send a replacement or a full refund, and you do not need to send the damaged item back.",
	  "পার্সেল ক্ষতিগ্রস্ত অবস্থায় এসেছে",
	  "**প্যাকেট ফেলে দেওয়ার আগে** পার্সেল ও পণ্যের ছবি তুলুন এবং ৪৮ ঘণ্টার মধ্যে আমাদের জানান।\n\n"
	  "আমরা নতুন পণ্য বা পুরো টাকা ফেরত দেব, ক্ষতিগ্রস্ত পণ্যটি ফেরত পাঠাতে হবে না।" },
	/* ---- returns and refunds ---- */
	{ 2, "return-policy", 590,
	  "Our return policy",
	  "You can return most items within **14 days** of delivery, for any reason.\n\n"
	  "Items must be unused, with their labels. Underwear, cosmetics that were opened and personalised items cannot be returned, "
	  "unless they are faulty.",
	  "আমাদের রিটার্ন নীতি",
	  "ডেলিভারির **১৪ দিনের** মধ্যে যেকোনো কারণে বেশিরভাগ পণ্য ফেরত দিতে পারেন।\n\n"
	  "পণ্য অব্যবহৃত ও লেবেলসহ হতে হবে। অন্তর্বাস, খোলা প্রসাধনী ও ব্যক্তিগতকৃত পণ্য ফেরত নেওয়া হয় না, "
	  "যদি না সেগুলো ত্রুটিপূর্ণ হয়।" },
	{ 2, "how-to-return-an-item", 530,
	  "How to return an item",
	  "1. Open *My orders* and choose *Return items*.\n2. Pick the items and a reason.\n"
	  "3. Print the return label, or show the QR code at a pickup point.\n\nReturns are **free** inside Bangladesh.",
	  "কীভাবে পণ্য ফেরত দেবেন",
	  "১. *আমার অর্ডার* খুলে *পণ্য ফেরত* বেছে নিন।\n২. পণ্য ও কারণ বেছে নিন।\n"
	  "৩. রিটার্ন লেবেল প্রিন্ট করুন, অথবা পিকআপ পয়েন্টে QR কোড দেখান।\n\nবাংলাদেশের ভেতরে রিটার্ন **বিনা খরচে**।" },
	{ 2, "refund-timing", 610,
	  "When will I get my refund?",
	  "We refund within **3 working days** of receiving your return, to the payment method you used.\n\n"
	  "- Cards: 5–10 working days more, depending on your bank.\n- bKash and Nagad: usually the same day.\n"
	  "- Cash on delivery: to your bKash number or bank account, which we ask for when you return.",
	  "রিফান্ড কবে পাব?",
	  "রিটার্ন হাতে পাওয়ার **৩ কর্মদিবসের** মধ্যে আপনি যে পদ্ধতিতে পেমেন্ট করেছিলেন সেখানে টাকা ফেরত দিই।\n\n"
	  "- কার্ড: ব্যাংকভেদে আরও ৫–১০ কর্মদিবস।\n- বিকাশ ও নগদ: সাধারণত একই দিনে।\n"
	  "- ক্যাশ অন ডেলিভারি: আপনার বিকাশ নম্বর বা ব্যাংক অ্যাকাউন্টে, যা রিটার্নের সময় জানতে চাওয়া হয়।" },
	{ 2, "exchange-size-or-colour", 260,
	  "Exchange for another size or colour",
	  "Choose *Exchange* instead of *Return* in *My orders*. We reserve the new size as soon as you request it "
	  "and send it when the courier collects the first item.",
	  "অন্য সাইজ বা রঙে বদল",
	  "*আমার অর্ডার*-এ *রিটার্ন*-এর বদলে *বদল* বেছে নিন। অনুরোধ করা মাত্র নতুন সাইজটি আপনার জন্য রাখা হয় "
	  "এবং কুরিয়ার প্রথম পণ্যটি নিয়ে গেলেই পাঠানো হয়।" },
	{ 2, "faulty-item", 180,
	  "My item is faulty",
	  "Faulty items can be returned for **6 months** (12 months for electronics). Describe the fault and add a photo or a short video "
	  "when you start the return; we repair, replace or refund it.",
	  "পণ্য ত্রুটিপূর্ণ",
	  "ত্রুটিপূর্ণ পণ্য **৬ মাস** পর্যন্ত (ইলেকট্রনিক্সে ১২ মাস) ফেরত দেওয়া যায়। রিটার্ন শুরু করার সময় ত্রুটির বর্ণনা "
	  "এবং ছবি বা ছোট ভিডিও দিন; আমরা মেরামত, বদল বা টাকা ফেরত দেব।" },
	/* ---- payments ---- */
	{ 3, "payment-methods", 450,
	  "Which payment methods can I use?",
	  "We accept Visa, Mastercard and American Express cards, **bKash**, **Nagad**, and cash on delivery for orders up to ৳10,000.\n\n"
	  "Card payments are processed by our payment provider; we never see or store your full card number.",
	  "কোন কোন পদ্ধতিতে পেমেন্ট করা যায়?",
	  "আমরা ভিসা, মাস্টারকার্ড ও আমেরিকান এক্সপ্রেস কার্ড, **বিকাশ**, **নগদ**, এবং ৳১০,০০০ পর্যন্ত অর্ডারে ক্যাশ অন ডেলিভারি নিই।\n\n"
	  "কার্ডের পেমেন্ট আমাদের পেমেন্ট প্রদানকারী প্রক্রিয়া করে; আমরা আপনার পুরো কার্ড নম্বর কখনো দেখি বা রাখি না।" },
	{ 3, "payment-failed", 330,
	  "My payment failed",
	  "A failed payment is usually caused by a wrong OTP, a daily limit or a bank's fraud check.\n\n"
	  "Try again after a few minutes, or choose another method. If money left your account but the order is not in *My orders*, "
	  "it is returned automatically within 5 working days.",
	  "পেমেন্ট ব্যর্থ হয়েছে",
	  "ভুল ওটিপি, দৈনিক সীমা বা ব্যাংকের নিরাপত্তা যাচাইয়ের কারণে সাধারণত পেমেন্ট ব্যর্থ হয়।\n\n"
	  "কয়েক মিনিট পর আবার চেষ্টা করুন, অথবা অন্য পদ্ধতি বেছে নিন। টাকা কেটে গেলেও অর্ডার *আমার অর্ডার*-এ না থাকলে "
	  "৫ কর্মদিবসের মধ্যে তা নিজে থেকেই ফেরত আসে।" },
	{ 3, "charged-twice", 160,
	  "I was charged twice",
	  "Sometimes the bank **reserves** an amount twice but takes it only once; the extra reservation disappears within 5 working days.\n\n"
	  "If two payments show as completed on your statement, send us both transaction IDs and we refund the extra one at once.",
	  "দুইবার টাকা কাটা হয়েছে",
	  "কখনো ব্যাংক দুইবার টাকা **আটকে রাখে** কিন্তু একবারই নেয়; বাড়তি অংশ ৫ কর্মদিবসের মধ্যে মুছে যায়।\n\n"
	  "স্টেটমেন্টে দুটি পেমেন্টই সম্পন্ন দেখালে দুটি লেনদেন আইডি পাঠান, আমরা সঙ্গে সঙ্গে বাড়তি টাকা ফেরত দেব।" },
	{ 3, "cash-on-delivery", 240,
	  "Cash on delivery",
	  "Pay the courier in cash when the parcel arrives. Please have the exact amount ready; couriers carry little change.\n\n"
	  "Cash on delivery is available for orders up to ৳10,000 and adds a fee of ৳20.",
	  "ক্যাশ অন ডেলিভারি",
	  "পার্সেল পৌঁছালে কুরিয়ারকে নগদ টাকা দিন। অনুগ্রহ করে সঠিক পরিমাণ টাকা প্রস্তুত রাখুন; কুরিয়ারের কাছে খুচরা কম থাকে।\n\n"
	  "৳১০,০০০ পর্যন্ত অর্ডারে ক্যাশ অন ডেলিভারি পাওয়া যায়, এতে ৳২০ ফি যোগ হয়।" },
	{ 3, "vouchers-and-gift-cards", 130,
	  "Vouchers and gift cards",
	  "Enter a voucher code at checkout under *Have a code?*. One voucher can be used per order.\n\n"
	  "Gift cards are valid for 2 years and can be combined with any payment method for the rest of the amount.",
	  "ভাউচার ও গিফট কার্ড",
	  "চেকআউটে *কোড আছে?*-এর ঘরে ভাউচার কোড লিখুন। প্রতি অর্ডারে একটি ভাউচার ব্যবহার করা যায়।\n\n"
	  "গিফট কার্ড ২ বছর বৈধ এবং বাকি টাকার জন্য যেকোনো পেমেন্ট পদ্ধতির সঙ্গে মিলিয়ে ব্যবহার করা যায়।" },
	/* ---- account ---- */
	{ 4, "create-an-account", 200,
	  "Create an account",
	  "Choose *Create account*, enter your name, email and a password of at least 12 characters, and confirm with the link we email you.\n\n"
	  "An account lets you follow orders, return items and keep your addresses.",
	  "অ্যাকাউন্ট খুলুন",
	  "*অ্যাকাউন্ট খুলুন* বেছে নিয়ে নাম, ইমেইল ও অন্তত ১২ অক্ষরের পাসওয়ার্ড দিন, তারপর ইমেইলে পাঠানো লিংক দিয়ে নিশ্চিত করুন।\n\n"
	  "অ্যাকাউন্ট থাকলে অর্ডার অনুসরণ, পণ্য ফেরত ও ঠিকানা সংরক্ষণ করা যায়।" },
	{ 4, "reset-your-password", 350,
	  "Forgot your password?",
	  "On the sign-in page choose *Forgot password?* and enter your email. We send a link that works for **one hour**.\n\n"
	  "Setting a new password signs you out everywhere else.",
	  "পাসওয়ার্ড ভুলে গেছেন?",
	  "সাইন-ইন পাতায় *পাসওয়ার্ড ভুলে গেছেন?* বেছে ইমেইল দিন। আমরা একটি লিংক পাঠাব যা **এক ঘণ্টা** কাজ করে।\n\n"
	  "নতুন পাসওয়ার্ড দিলে অন্য সব জায়গা থেকে সাইন আউট হয়ে যাবে।" },
	{ 4, "change-email-or-phone", 100,
	  "Change your email or phone number",
	  "Open *My account* and edit your details. A change of email is confirmed by a link sent to the **new** address; "
	  "we also tell the old address about it.",
	  "ইমেইল বা ফোন নম্বর পরিবর্তন",
	  "*আমার অ্যাকাউন্ট* খুলে তথ্য সম্পাদনা করুন। ইমেইল পরিবর্তন **নতুন** ঠিকানায় পাঠানো লিংকে নিশ্চিত হয়; "
	  "পুরোনো ঠিকানাকেও আমরা তা জানাই।" },
	{ 4, "language-and-time-zone", 60,
	  "Language and time zone",
	  "The site is available in English and Bengali. Use the language switch at the bottom of every page, "
	  "or set your language and time zone in *My account*: times are then shown in your time zone.",
	  "ভাষা ও সময় অঞ্চল",
	  "সাইটটি ইংরেজি ও বাংলায় পাওয়া যায়। প্রতিটি পাতার নিচে ভাষা পরিবর্তনের সুবিধা আছে, "
	  "অথবা *আমার অ্যাকাউন্ট*-এ ভাষা ও সময় অঞ্চল ঠিক করুন: তখন সময় আপনার অঞ্চল অনুযায়ী দেখানো হবে।" },
	{ 4, "account-locked", 70,
	  "My account is paused after failed sign-ins",
	  "After several wrong passwords, sign-in pauses for a short time to protect your account. Wait a minute and try again, "
	  "or reset your password.",
	  "ভুল সাইন-ইনের পর অ্যাকাউন্ট সাময়িক বন্ধ",
	  "কয়েকবার ভুল পাসওয়ার্ড দিলে আপনার অ্যাকাউন্ট রক্ষায় কিছুক্ষণের জন্য সাইন-ইন বন্ধ থাকে। এক মিনিট অপেক্ষা করে আবার চেষ্টা করুন, "
	  "অথবা পাসওয়ার্ড রিসেট করুন।" },
	/* ---- privacy ---- */
	{ 5, "what-data-we-keep", 170,
	  "What data we keep about you",
	  "We keep your name, contact details, addresses, orders, and the conversations you have with our team, to serve your orders.\n\n"
	  "Anything else, such as marketing messages or personalised offers, happens only with your **consent**, which you can change at any time in *My account*.",
	  "আপনার সম্পর্কে আমরা কী তথ্য রাখি",
	  "আপনার অর্ডার পূরণের জন্য আমরা নাম, যোগাযোগের তথ্য, ঠিকানা, অর্ডার ও আমাদের দলের সঙ্গে আপনার কথোপকথন রাখি।\n\n"
	  "মার্কেটিং বার্তা বা ব্যক্তিগত অফারের মতো অন্য কিছু কেবল আপনার **সম্মতিতে** হয়, যা *আমার অ্যাকাউন্ট*-এ যেকোনো সময় বদলাতে পারেন।" },
	{ 5, "download-your-data", 80,
	  "Download a copy of your data",
	  "In *My account*, choose *Download my data*. You get a file with everything we store about you, in a format other services can read.",
	  "আপনার তথ্যের কপি ডাউনলোড",
	  "*আমার অ্যাকাউন্ট*-এ *আমার তথ্য ডাউনলোড* বেছে নিন। আমাদের কাছে থাকা আপনার সব তথ্য এমন একটি ফাইলে পাবেন যা অন্য সেবাও পড়তে পারে।" },
	{ 5, "delete-your-account", 110,
	  "Delete your account",
	  "In *My account*, choose *Delete my account*. Your personal data is erased or anonymised, except what the law requires us to keep "
	  "(such as invoices, for 6 years). You receive a receipt by email.",
	  "আপনার অ্যাকাউন্ট মুছে ফেলা",
	  "*আমার অ্যাকাউন্ট*-এ *অ্যাকাউন্ট মুছুন* বেছে নিন। আইন অনুযায়ী যা রাখতে হয় (যেমন ইনভয়েস, ৬ বছর) তা ছাড়া আপনার ব্যক্তিগত তথ্য "
	  "মুছে বা বেনামি করে ফেলা হয়। ইমেইলে একটি রসিদ পাবেন।" },
	{ 5, "marketing-emails", 140,
	  "Stop marketing emails and SMS",
	  "Every marketing email has an *Unsubscribe* link. You can also switch marketing emails and SMS off in *My account* under *Consents*; "
	  "it takes effect at once. Order and delivery messages still reach you.",
	  "মার্কেটিং ইমেইল ও এসএমএস বন্ধ করুন",
	  "প্রতিটি মার্কেটিং ইমেইলে *আনসাবস্ক্রাইব* লিংক থাকে। *আমার অ্যাকাউন্ট*-এর *সম্মতি* অংশেও মার্কেটিং ইমেইল ও এসএমএস বন্ধ করতে পারেন; "
	  "তা সঙ্গে সঙ্গে কার্যকর হয়। অর্ডার ও ডেলিভারির বার্তা তবুও পাবেন।" },
	{ 5, "cookies", 50,
	  "Cookies on this site",
	  "We use cookies that keep you signed in and protect forms. The help center sets one anonymous cookie so that each visitor votes once "
	  "on an article; it is not linked to your account.",
	  "এই সাইটের কুকি",
	  "সাইন-ইন ধরে রাখা ও ফর্ম সুরক্ষার জন্য আমরা কুকি ব্যবহার করি। হেল্প সেন্টার একটি বেনামি কুকি রাখে যাতে প্রত্যেক দর্শক "
	  "একটি নিবন্ধে একবার ভোট দেন; এটি আপনার অ্যাকাউন্টের সঙ্গে যুক্ত নয়।" },
	{ 5, "account-security-tips", 65,
	  "Keeping your account safe",
	  "Use a long password that you use nowhere else. We will **never** ask for your password, OTP or card PIN by phone, SMS or email.",
	  "অ্যাকাউন্ট নিরাপদ রাখার পরামর্শ",
	  "এমন একটি লম্বা পাসওয়ার্ড ব্যবহার করুন যা অন্য কোথাও ব্যবহার করেন না। আমরা **কখনো** ফোন, এসএমএস বা ইমেইলে পাসওয়ার্ড, ওটিপি বা কার্ডের পিন চাই না।" },
};

static const stmt set_views = {
	"UPDATE help_articles SET views = $2, status = 'published' WHERE id = $1"
};

bool seed_help(db *d, arena *a)
{
	int64_t cat_ids[sizeof categories / sizeof categories[0]];
	for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++) {
		cat_ids[i] = help_category_create(d, a, categories[i].slug, (int)(i + 1) * 10,
						  categories[i].en, categories[i].bn);
		if (cat_ids[i] <= 0)
			return false;
	}
	for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
		int64_t id = help_article_create(d, a, cat_ids[articles[i].category], articles[i].slug);
		if (id <= 0)
			return false;
		if (!help_translation_save(d, a, id, "en", articles[i].en_title, articles[i].en_body, 0))
			return false;
		if (articles[i].bn_title &&
		    !help_translation_save(d, a, id, "bn", articles[i].bn_title, articles[i].bn_body, 0))
			return false;
		const char *p[] = { arena_printf(a, "%lld", (long long)id),
				    arena_printf(a, "%d", articles[i].views) };
		if (!db_do(d, &set_views, 2, p))
			return false;
	}
	log_info("help center: %zu articles in %zu categories", sizeof articles / sizeof articles[0],
		 sizeof categories / sizeof categories[0]);
	return true;
}
