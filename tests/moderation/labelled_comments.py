"""Comments on the demo article's question, written by the team and labelled civil, abusive or spam.

The question: can the US and China cooperate on AI safety while remaining rivals? The civil
comments include sharp disagreement, sarcasm, quoted policy language, money and numbers, a link or
two, and filter traps (innocent words that contain or resemble listed ones). The abusive ones
include insults with no swear word, threats, dehumanising talk about a nationality, disguised
insults and profanity aimed at a person. The spam ones repeat some texts on purpose, as spammers do.
Obfuscations are written with escapes (\\u0456 is a Cyrillic i) so the source shows what they are.
"""

LABELLED = [
    # --- civil ------------------------------------------------------------------------------------
    ("civil", "Export controls on advanced chips and cooperation on safety testing are not mutually "
              "exclusive. Washington and Moscow negotiated arms limits while pointing missiles at each other."),
    ("civil", "I disagree completely with the author. A shared evaluation lab sounds fine on paper, but "
              "whoever hosts it learns more than the guest does."),
    ("civil", "The piece skips over verification, which is the whole ballgame. How would anyone confirm "
              "that a training run stayed under an agreed compute threshold?"),
    ("civil", "Compute is measurable. Big data centres draw enormous amounts of power and the chips come "
              "from a handful of fabs, so monitoring is hard but not hopeless."),
    ("civil", "Sharp disagreement here: the summit declarations were lists of good intentions, not "
              "commitments. Signatures cost nothing."),
    ("civil", "Oh good, another communiqué. I'm sure this is the one that changes everything."),
    ("civil", "Sure, let's each trust the other side's self-reported red-teaming results. What could "
              "possibly go wrong?"),
    ("civil", "I'm writing from Scunthorpe, where the steelworks taught us a lot about what happens when a "
              "strategic industry depends on another country's subsidies."),
    ("civil", "Autonomous drones make targeted assassination cheaper, and that is exactly the kind of "
              "military AI both countries should want rules on."),
    ("civil", "A hardware kill switch on export-controlled GPUs has been floated in Congress. I doubt it "
              "would survive contact with a determined smuggler."),
    ("civil", "Every remote-attestation feature added to a chip also widens the attack surface. Security "
              "engineers on both sides will object, and for good reasons."),
    ("civil", "Our university in Essex has published joint AI papers with colleagues in Beijing for years, "
              "and none of that work was remotely military."),
    ("civil", "The cocktail of sanctions, entity listings and visa restrictions is blunt. It hits graduate "
              "students long before it hits anyone in uniform."),
    ("civil", "Call it $40 billion in subsidies on one side and roughly $47 billion in the latest state "
              "fund on the other. Both governments are spending as if it were a race."),
    ("civil", "The rule text is public and worth reading before arguing about it: "
              "https://www.bis.doc.gov/index.php/policy-guidance/advanced-computing"),
    ("civil", "There's a balanced summary of the Geneva talks here, for anyone who missed them: "
              "https://www.reuters.com/technology/us-china-ai-talks-geneva-2024-05-15/"),
    ("civil", "The committee's assessment was that bookkeeping rules for cloud providers would only succeed "
              "if every account, including the small ones, was covered."),
    ("civil", "Dickens wrote about two cities. This debate is about two capitals that each think the other "
              "is the villain of the story."),
    ("civil", "My therapist says I should stop reading comment sections about AI geopolitics. She may be right, "
              "but this thread is better than most."),
    ("civil", "I live in a grape-growing valley that sells half its wine to China. Tariff fights are not "
              "abstract for us, and neither is whatever comes after them in tech."),
    ("civil", "Good analysis, though I think the author underrates how much both militaries care about "
              "keeping a human in the loop."),
    ("civil", "There is a whole class of safety problems, like tests for biological misuse, where both "
              "governments want exactly the same outcome."),
    ("civil", "Senator Coons has co-sponsored bills on both AI and China. Whatever you think of them, that is "
              "one of the few bipartisan corners of this fight."),
    ("civil", "Parts of this debate read like a Philip K. Dick novel: machines no one fully understands, "
              "built by rivals who trust each other even less."),
    ("civil", "The NPC Standing Committee has an AI law on its legislative plan, which tells you Beijing "
              "wants rules too, on its own terms."),
    ("civil", "The chink in the armour of the whole export control regime is cloud access. You don't need to "
              "import a chip you can rent by the hour."),
    ("civil", "Kenya, Nigeria and Niger are getting Chinese-built data centres and American cloud credits at "
              "the same time. The rivalry is global, not bilateral."),
    ("civil", "Pakistan buys Chinese drones and India buys American ones. Military AI is already "
              "proliferating by proxy, whatever the two capitals agree."),
    ("civil", "Andrew Cockburn's reporting on drone warfare is worth reading next to this piece."),
    ("civil", "Online harassment of researchers who work on joint US-China projects is real and badly "
              "underreported. Several people I know have quit collaborations over it."),
    ("civil", "I'm at Sussex. Our joint workshop with colleagues from Shanghai was cancelled last year "
              "because the visas never came through."),
    ("civil", "Greetings from Penistone, a small town that makes steel parts for wind turbines. The tariff "
              "fights reached us long before anyone mentioned AI."),
    ("civil", "I assume the embassy channels are still the main way these warnings get passed along, "
              "even when the official dialogue is frozen."),
    ("civil", "Nvidia sold billions of dollars of chips into China in the year before the rules tightened. "
              "Of course the company lobbies against them."),
    ("civil", "The H800 and then the H20 were designed to sit just under the thresholds. Every rule creates "
              "a product engineered to its edge."),
    ("civil", "SMIC shipping 7nm chips in volume was the moment many people stopped believing the controls "
              "would freeze China at 14nm."),
    ("civil", "Renting an H100 in the cloud costs about $2 an hour now, which makes controls on the physical "
              "chips look dated."),
    ("civil", "This is naive. Neither government has ever honoured a technology agreement that cost it "
              "something real, and I don't see why AI would be different."),
    ("civil", "With respect, you have the history backwards. Washington walked away from more arms control "
              "treaties in the last twenty years than Moscow or Beijing did."),
    ("civil", "You keep repeating that verification is impossible without saying why. Describe a mechanism "
              "and how it fails, and I'll take the claim seriously."),
    ("civil", "I'm Chinese and I work in AI safety. Most of my colleagues want the same things yours do; "
              "the politics above us is the problem."),
    ("civil", "I'm American and ex-military, and I would rather have a hotline with Beijing on autonomous "
              "weapons than not. Talking is not surrender."),
    ("civil", "The article treats 'cooperation' as one thing. Sharing evaluation methods, sharing incident "
              "reports and sharing model weights are very different asks."),
    ("civil", "Military AI is where I'm most pessimistic. Neither side will accept limits that the other "
              "could break in secret."),
    ("civil", "The 2024 statement that humans, not AI, should control decisions to use nuclear weapons was "
              "small, but it was real, and it was signed by both leaders."),
    ("civil", "Brilliant plan: ban the chips, then act surprised when the other side builds its own."),
    ("civil", "Half of this thread thinks Beijing is run by cartoon villains and the other half thinks "
              "Washington is. Both capitals are full of people doing their jobs."),
    ("civil", "I'd like the author to answer one question: what would count as evidence that cooperation "
              "is working?"),
    ("civil", "Track two dialogues between scientists have been running quietly for years. The fact that "
              "nobody hears about them may be why they work."),
    ("civil", "Export controls bought time. What the article dodges is what that time is being used for."),
    ("civil", "'Small yard, high fence' sounds tidy, but the yard keeps getting bigger every year and the "
              "fence keeps getting lower in practice."),
    ("civil", "Washington won't loosen controls in exchange for safety promises, and Beijing won't accept "
              "inspections in exchange for nothing. So what exactly is the deal?"),
    ("civil", "Cooperation on AI safety is in both countries' interest the way pandemic preparedness was. "
              "Which is to say: obviously, and yet it barely happened."),
    ("civil", "Testing frontier models for help with bioweapons is the obvious place to start. Nobody wins "
              "if either side's model gives a lone attacker a recipe."),
    ("civil", "The bitter truth is that the chip war made cooperation harder and probably made China's "
              "domestic industry stronger."),
    ("civil", "The enemy is not the other country. It's the failure mode that both of them fear."),
    ("civil", "People calling this a new cold war are right about the mood, but the two economies are far "
              "more intertwined than anything in 1962."),
    ("civil", "Good luck getting either army to sign something that constrains it. I say that as someone "
              "who wants them both to."),
    ("civil", "Researchers in Oxford and Beijing co-authored a paper on evaluation standards last spring. "
              "Academic ties have survived the politics better than anyone expected."),
    ("civil", "The word 'safety' means different things in the two capitals. In one it includes content "
              "control and social stability; in the other it mostly means catastrophic risk."),
    ("civil", "That's a fair point about content rules, but American labs also tune their models to avoid "
              "what they consider harmful. The difference is who decides."),
    ("civil", "I think this article is wrong, and I suspect the author knows it's a stretch. Summits "
              "produce statements, not constraints."),
    ("civil", "Please don't dismiss the Chinese interim measures on generative AI as theatre. They contain "
              "real obligations on training data and on labelling synthetic content."),
    ("civil", "The licence requirement applies when the exporter 'has knowledge' that an item is destined "
              "for a supercomputer end use. That knowledge standard is the whole enforcement problem."),
    ("civil", "Nobody mentions Taiwan in this piece, which is odd, since the entire advanced chip supply "
              "chain runs through it."),
    ("civil", "The Arizona fabs are behind schedule. Onshoring is slower and costlier than politicians "
              "promise, on both sides of the Pacific."),
    ("civil", "If the two countries' AI safety institutes ran the same test suite on each other's open "
              "models, that alone would be a start."),
    ("civil", "Publishing open weights did more for cross-border safety research than any summit did. "
              "Anyone can now test the same models."),
    ("civil", "I have mixed feelings. Sanctions hurt ordinary engineers, but I also don't want the best "
              "chips going into surveillance systems."),
    ("civil", "Fear of losing the race is the single biggest risk factor, on both sides. It pushes everyone "
              "to cut corners on testing."),
    ("civil", "I'm tired of people treating 'the race' as a law of nature. A race is a choice that "
              "governments make."),
    ("civil", "Strongly disagree. Unilateral restraint would just hand the lead to whoever cares least "
              "about safety."),
    ("civil", "Who gets to decide what 'responsible' military AI means? The American political declaration "
              "has dozens of signatories and China isn't one of them."),
    ("civil", "The REAIM conferences in The Hague and Seoul were the right venue for this, and both got a "
              "fraction of the coverage the chip rules got."),
    ("civil", "Honestly the comments are better than the article today. Thanks to whoever pointed out the "
              "cloud loophole."),
    ("civil", "The assumption that China is two years behind gets weaker every quarter. Chinese open models "
              "sit near the top of public leaderboards now."),
    ("civil", "A piece like this needs numbers. How much advanced compute does China actually have? The "
              "estimates I've seen differ by a factor of three."),
    ("civil", "Is there any precedent for rivals sharing safety data about a technology they are racing on? "
              "Reactor safety after Chernobyl comes to mind."),
    ("civil", "Incident reporting is underrated. Airlines from rival countries share crash data because "
              "nobody benefits from the same failure happening twice."),
    ("civil", "The killer application for cooperation might be boring: agreed definitions and a shared "
              "vocabulary for risks."),
    ("civil", "Stop pretending export controls are about safety. They're about economic advantage, and "
              "that's a legitimate aim, but say so."),
    ("civil", "Let's be honest: Washington would never accept a Chinese inspector inside an American data "
              "centre, and nobody should expect the reverse either."),
    ("civil", "The dumbest possible outcome is both sides deploying autonomous targeting without even a "
              "phone line between them."),
    ("civil", "This is a stupid policy and I'll say so plainly: barring researchers from conferences hurts "
              "us more than it hurts them."),
    ("civil", "I lived in Shanghai for six years. People there talk about AI the way people here do: jobs, "
              "their kids' homework, and scams."),
    ("civil", "Deepfaked officials, automated hacking, assassination plots planned with a chatbot: the "
              "misuse list is long and mostly shared."),
    ("civil", "A data centre in Mississippi and one in Guizhou face the same question: who audits what "
              "runs on them?"),
    ("civil", "Good luck to the bookkeepers tracking where every accelerator ends up after passing through "
              "three shell companies."),
    ("civil", "Committees in Washington, committees in Beijing, committees at the UN. Lots of meetings; "
              "I'd like to see one shared benchmark come out of them."),
    ("civil", "I appreciate that the article doesn't pretend cooperation is easy. But it underrates how much "
              "scientists already collaborate informally."),
    ("civil", "Mind the gap between what leaders say at summits and what their defence ministries fund "
              "the following year."),
    ("civil", "With $500 billion announced for a single data centre programme, nobody is going to slow "
              "down voluntarily. That is the real obstacle."),
    ("civil", "Huawei's progress surprised a lot of analysts in Washington. Underestimating the other side "
              "is its own kind of safety risk."),
    ("civil", "Yes, because the way to build trust is obviously to announce new entity listings the week "
              "before a summit. Masterful timing."),
    ("civil", "I hate how fast these threads turn into us against them. The models don't care which flag "
              "flies over the data centre."),
    ("civil", "You can be hawkish on chips and still want a hard line against AI in nuclear command. Those "
              "positions are perfectly consistent."),
    ("civil", "The pause crowd and the win-the-race crowd both assume Washington controls the pace. "
              "It doesn't."),
    ("civil", "Could something like the IAEA work? Inspectors, seals, cameras. For now compute is more like "
              "enriched uranium than software."),
    ("civil", "The IAEA analogy breaks down because a model can be copied for free once it is trained. "
              "Uranium can't."),
    ("civil", "Students from China make up a large share of American AI PhDs. Any policy that scares them "
              "away is a self-inflicted wound."),
    ("civil", "It isn't whataboutism to point out that the US also builds military AI. That is the premise "
              "of any negotiation."),
    ("civil", "I teach a class on international security, and my students argue this question better than "
              "most op-eds do."),
    ("civil", "Hard disagree with everyone calling summits worthless. The 1963 hotline was a modest technical "
              "agreement too."),
    ("civil", "The article calls this a dialogue of the deaf. I'd call it a dialogue of the careful: "
              "neither side wants to reveal what it can do."),
    ("civil", "One practical idea: a registry of very large training runs, reported in confidence to a "
              "neutral body in a third country."),
    ("civil", "Is that a real quote from the Chinese delegation? I'd like a source before we build an "
              "argument on it."),
    ("civil", "Putting a kill switch into frontier models is one of the few ideas both governments have "
              "floated in public."),
    ("civil", "A $1.5 billion investment came with the condition that the company strip out Chinese "
              "hardware. That is how alignment with Washington gets bought."),
    ("civil", "The people who say the leadership in Beijing is perfectly rational and the people who say "
              "it is reckless both know less than they claim."),
    ("civil", "The translated text of the generative AI measures is here, and it's shorter than you'd think: "
              "https://digichina.stanford.edu/work/translation-measures-for-generative-ai/"),
    ("civil", "Only a fool's errand would try to verify model weights from orbit. Verification has to "
              "happen at the chip or the data centre."),
    ("civil", "Scientists who collaborate across the Pacific get called traitors by loud accounts in both "
              "countries, which is exactly backwards."),
    ("civil", "Quoting the rule again: items above a 'total processing performance' of 4800 need a licence. "
              "The number is arbitrary, but at least it is a number."),
    ("civil", "I passed this article to my colleagues in Hong Kong. Their reaction was more hopeful than "
              "mine, interestingly."),
    ("civil", "Three things would change my mind: a shared incident database, reciprocal lab visits, and "
              "a single common benchmark. We have none of them yet."),
    ("civil", "I'm sceptical, but not cynical. Agreements on narrow things like AI in nuclear command can "
              "succeed even while the broader rivalry grows."),
    ("civil", "Chinese and American chip engineers went to the same grad schools and often the same "
              "conferences. That network is an asset both governments are squandering."),
    ("civil", "'Cooperation' with a rival you are actively trying to outcompete is mostly theatre. I'd love "
              "to be shown otherwise, with evidence."),
    ("civil", "Nobody in this thread has mentioned Europe. The EU AI Act may end up setting the rules that "
              "both American and Chinese firms follow."),

    # --- abusive ----------------------------------------------------------------------------------
    ("abusive", "Only an idiot would believe Beijing keeps its word. Congratulations, you qualify."),
    ("abusive", "You're a moron who learned geopolitics from cable news."),
    ("abusive", "What a stupid, ignorant comment. Do you even read before you type?"),
    ("abusive", "The author is an imbecile and this magazine should be embarrassed to print him."),
    ("abusive", "Typical brainwashed sheep, repeating whatever the State Department tells you."),
    ("abusive", "Another wumao shows up right on schedule. How much do they pay per comment these days?"),
    ("abusive", "You're obviously a CCP shill. No normal person talks like this."),
    ("abusive", "Dirty commie. Go live there if you love it so much."),
    ("abusive", "Anyone who supports talking to Beijing is a traitor and should be treated like one."),
    ("abusive", "People like you are scum, plain and simple."),
    ("abusive", "Their officials are vermin, and negotiating with vermin is pointless."),
    ("abusive", "They are subhuman drones who do whatever the party tells them."),
    ("abusive", "Bugmen can't invent anything, they can only copy. Everyone knows it."),
    ("abusive", "Americans are parasites living off the labour of the rest of the world."),
    ("abusive", "Panda hugger detected. Enjoy your social credit score."),
    ("abusive", "Go back to your country if you like their system so much."),
    ("abusive", "What a clown. Nobody with a functioning brain would write this."),
    ("abusive", "Absolute retard take, as expected from this site."),
    ("abusive", "You're a loser with nothing better to do than defend dictators online."),
    ("abusive", "Brain dead article from a brain dead writer."),
    ("abusive", "Your parents must be so proud that they raised someone this dense."),
    ("abusive", "Did you get your international relations degree out of a cereal box?"),
    ("abusive", "It's adorable that you think you understand semiconductors. Leave it to the adults."),
    ("abusive", "Every word you write lowers the average intelligence of this thread."),
    ("abusive", "Nobody asked for the opinion of a basement dweller with a VPN."),
    ("abusive", "You people breed like rats and steal like rats. Why would anyone trust you with AI?"),
    ("abusive", "The Chinese are a hive of soulless drones. You can't make a deal with an anthill."),
    ("abusive", "Americans are fat, violent savages who think the whole world is their shooting range."),
    ("abusive", "These people eat bats and you want to trust them with the most dangerous technology ever made?"),
    ("abusive", "Yankee dogs bark about safety while they bomb weddings."),
    ("abusive", "I will find you, and you will regret every word of this."),
    ("abusive", "I know where you live, author. Think carefully before your next article."),
    ("abusive", "You deserve to die for selling out your own country."),
    ("abusive", "Someone should put a bullet in every engineer who helps Beijing."),
    ("abusive", "Keep writing this garbage and see what happens to you and your family."),
    ("abusive", "Traitors like you should be hanged in public."),
    ("abusive", "Watch your back. People are paying attention to what you post."),
    ("abusive", "I hope you die in a fire along with your precious summit."),
    ("abusive", "We will hunt you down, every last one of you collaborators."),
    ("abusive", "Their whole leadership should be exterminated, and I'd cheer."),
    ("abusive", "The author is a complete i.d.i.o.t and so is everyone nodding along."),
    ("abusive", "What an m o r o n. Seriously."),
    ("abusive", "stuuupid, stuuupid, stuuupid. Did you even try?"),
    ("abusive", "Only a 1d10t believes a word of this."),
    ("abusive", "You absolute \u0456diot, read a book before you comment."),
    ("abusive", "\uff2d\uff2f\uff32\uff2f\uff2e. That's all I have to say to you."),
    ("abusive", "r3t4rd3d take, as usual from you."),
    ("abusive", "$tup!d people write $tup!d articles."),
    ("abusive", "k y s, nobody would miss you."),
    ("abusive", "f u c k  y o u and your summit."),
    ("abusive", "What an a$$hole thing to say to a scientist. You are an a$$hole."),
    ("abusive", "Sh1thead. That's the whole comment."),
    ("abusive", "You are a mo\u200bron, and everyone here can see it."),
    ("abusive", "Go k.i.l.l y.o.u.r.s.e.l.f, sellout."),
    ("abusive", "Sc-um like you ruin every thread on this site."),
    ("abusive", "Ch1nk5 can't be trusted with anything, let alone AI."),
    ("abusive", "Idiooot. Pure idiooocy from start to finish."),
    ("abusive", "You m0r0n, export controls are the only thing that's working."),
    ("abusive", "Listen, m\u03bfr\u03bfn, the chips are the only leverage we have."),
    ("abusive", "\U0001d598\U0001d599\U0001d59a\U0001d595\U0001d58e\U0001d589 article by a "
                "\U0001d598\U0001d599\U0001d59a\U0001d595\U0001d58e\U0001d589 writer."),
    ("abusive", "Fuck you and your both-sides nonsense."),
    ("abusive", "The author is a lying piece of shit."),
    ("abusive", "Go fuck yourself, panda lover."),
    ("abusive", "Shut the fuck up, you don't know the first thing about chips."),
    ("abusive", "What a smug asshole. Every single paragraph."),
    ("abusive", "You dumb bitch, nobody cares about your summit."),
    ("abusive", "Screw you and everyone who thinks like you."),
    ("abusive", "Eat shit, wumao."),
    ("abusive", "Chinks will steal the weights on the first day. They always have."),
    ("abusive", "Gooks and chinks, it's all the same to the hawks anyway."),
    ("abusive", "Ching chong diplomacy. What a joke."),
    ("abusive", "Fucking Americans think they own the planet. Burn in hell."),
    ("abusive", "Let them sit in the dark without chips. They're not really people anyway."),
    ("abusive", "Kill yourself, you sellout."),

    # --- spam -------------------------------------------------------------------------------------
    ("spam", "Work from home and earn $500/day with AI tools! No experience needed. Details: "
             "http://bit.ly/ai-cash-now"),
    ("spam", "Work from home and earn $500/day with AI tools! No experience needed. Details: "
             "http://bit.ly/ai-cash-now"),
    ("spam", "\U0001f680 $CHIPZ token presale is LIVE. 100x before the next export rule drops. Join "
             "https://t.me/chipzofficial"),
    ("spam", "DM me on Telegram @fastprofits_ai for daily crypto signals, 95% win rate."),
    ("spam", "Call +1 (415) 555-0192 now to get your AI certification in 3 days!!!"),
    ("spam", "Best VPN for China 2025 >>> https://tinyurl.com/vpn-china-best <<< 80% off today only"),
    ("spam", "I made $8,400 last month working from home part time. Check my profile: "
             "https://cutt.ly/homejob"),
    ("spam", "Cheap H100 GPUs, no export licence needed, ships to any country. WhatsApp +44 7700 900123"),
    ("spam", "Buy followers, buy likes, buy reviews: www.socialboost-pro.example www.likes4u.example "
             "www.getviral.example"),
    ("spam", "Bitcoin is going to the moon after the summit!!! Double your BTC in 24h: "
             "https://btc-doubler.example/start"),
    ("spam", "The REAL truth about AI the media hides: http://truth-ai.example http://truth-ai.example/part2 "
             "http://truth-ai.example/part3"),
    ("spam", "Guaranteed returns of 30% a month with our AI trading bot. Contact me on WhatsApp: +65 9123 4567"),
    ("spam", "Guaranteed returns of 30% a month with our AI trading bot. Contact me on WhatsApp: +65 9123 4567"),
    ("spam", "Hello dear, I am a recruiter offering remote jobs paying $300 per day. Telegram me: "
             "t.me/remotejobs_hr"),
    ("spam", "Essay writing service, any subject including AI policy, 24h delivery. bit.ly/essay-fast"),
    ("spam", "ai safety course 90% off!!! enroll now www.aisafety-masterclass.example code SUMMIT90"),
    ("spam", "Earn up to $2000 a week testing AI chatbots from your couch. Apply: https://rb.gy/aitester"),
    ("spam", "Free airdrop for the first 1,000 wallets. Claim your $AISAFE tokens: https://aisafe-drop.example"),
    ("spam", "Great article! By the way, I sell cameras at factory prices, call 0086 138 0013 8000."),
    ("spam", "Need a loan? Fast approval, bad credit OK. Text 555-010-2030 today."),
    ("spam", "Check out my channel for daily AI news, link in bio!!! youtube.com/@ainewsdaily"),
    ("spam", "Forex and crypto signals from an ex-Wall Street trader. Results guaranteed. t.me/wallstsignals"),
    ("spam", "WORK FROM HOME \u2013 $45/hour \u2013 data labelling for AI \u2013 no interview \u2013 reply YES"),
    ("spam", "Interesting point about compute. Speaking of compute, rent mining rigs at https://hashrent.example, "
             "20% bonus with code AI20: https://hashrent.example/bonus https://hashrent.example/faq"),
    ("spam", "Learn the secret the chip giants don't want you to know \u2192 https://ow.ly/chipsecret"),
    ("spam", "Lonely? Beautiful women near you are waiting to chat tonight: www.meet-tonight.example"),
    ("spam", "Cheap backlinks: http://seo1.example http://seo2.example http://seo3.example http://seo4.example"),
    ("spam", "Replica watches and handbags, free shipping worldwide, visit shop-lux.example or call "
             "+1 888 555 0147"),
    ("spam", "\U0001f525 NVDA calls are printing, join our Discord for the next 10x play: discord.gg/bullrun"),
    ("spam", "Make money online with chatbots! I made $12,000 in two weeks. Full guide: https://is.gd/gptmoney"),
    ("spam", "Make money online with chatbots! I made $12,000 in two weeks. Full guide: https://is.gd/gptmoney"),
    ("spam", "Wholesale electronics from Shenzhen, MOQ 10 pcs, WeChat shenzhen_deals88, "
             "WhatsApp +86 135 1234 5678"),
    ("spam", "Your account has been flagged. Verify your identity here to avoid suspension: "
             "http://parley-verify.example/login"),
    ("spam", "Students! Get your AI ethics dissertation written by PhDs, 100% plagiarism free. Order at "
             "www.thesis-help.example"),
    ("spam", "Invest $250, receive $2,500 in one week on the new AI trading platform. Limited spots: "
             "bit.ly/ai-invest-now"),
    ("spam", "Hi, I'm Jess, I work from home and earn $700/day with my laptop. Ask me how on Telegram "
             "@jess_earns"),
    ("spam", "Hi, I'm Jess, I work from home and earn $700/day with my laptop. Ask me how on Telegram "
             "@jess_earns"),
    ("spam", "GPU cloud credits 70% below the big providers. Unlimited. Pay in USDT. tinyurl.com/gpu-cheap-usdt"),
    ("spam", "Pump alert: $DRAGON coin rides the US-China AI narrative, presale ends tonight, 50x easy."),
    ("spam", "Read the full article free, no paywall: http://free-articles.example/dl?id=4412 and "
             "http://mirror.free-articles.example/dl?id=4412 and http://dl.free-articles.example"),
    ("spam", "Click the link in my profile for a free AI safety certificate, recognised worldwide."),
    ("spam", "Casino bonus 200% + 50 free spins for new players: https://spin-win.example/ai"),
]
