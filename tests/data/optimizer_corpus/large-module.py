"""Generated module with many small functions."""

def handler_0(request):
    return respond(request, code=0)

def handler_1(request):
    return respond(request, code=1)

def handler_2(request):
    return respond(request, code=2)

def handler_3(request):
    return respond(request, code=3)

def handler_4(request):
    return respond(request, code=4)

def handler_5(request):
    return respond(request, code=5)

def handler_6(request):
    return respond(request, code=6)

def handler_7(request):
    return respond(request, code=7)

def handler_8(request):
    return respond(request, code=8)

def handler_9(request):
    return respond(request, code=9)

def handler_10(request):
    return respond(request, code=10)

def handler_11(request):
    return respond(request, code=11)

def handler_12(request):
    return respond(request, code=12)

def handler_13(request):
    return respond(request, code=13)

def handler_14(request):
    return respond(request, code=14)

def handler_15(request):
    return respond(request, code=15)

def handler_16(request):
    return respond(request, code=16)

def handler_17(request):
    return respond(request, code=17)

def handler_18(request):
    return respond(request, code=18)

def handler_19(request):
    return respond(request, code=19)

def handler_20(request):
    return respond(request, code=20)

def handler_21(request):
    return respond(request, code=21)

def handler_22(request):
    return respond(request, code=22)

def handler_23(request):
    return respond(request, code=23)

def handler_24(request):
    return respond(request, code=24)

def handler_25(request):
    return respond(request, code=25)

def handler_26(request):
    return respond(request, code=26)

def handler_27(request):
    return respond(request, code=27)

def handler_28(request):
    return respond(request, code=28)

def handler_29(request):
    return respond(request, code=29)

def handler_30(request):
    return respond(request, code=30)

def handler_31(request):
    return respond(request, code=31)

def handler_32(request):
    return respond(request, code=32)

def handler_33(request):
    return respond(request, code=33)

def handler_34(request):
    return respond(request, code=34)

def handler_35(request):
    return respond(request, code=35)

def handler_36(request):
    return respond(request, code=36)

def handler_37(request):
    return respond(request, code=37)

def handler_38(request):
    return respond(request, code=38)

def handler_39(request):
    return respond(request, code=39)

def handler_40(request):
    return respond(request, code=40)

def handler_41(request):
    return respond(request, code=41)

def handler_42(request):
    return respond(request, code=42)

def handler_43(request):
    return respond(request, code=43)

def handler_44(request):
    return respond(request, code=44)

def handler_45(request):
    return respond(request, code=45)

def handler_46(request):
    return respond(request, code=46)

def handler_47(request):
    return respond(request, code=47)

def handler_48(request):
    return respond(request, code=48)

def handler_49(request):
    return respond(request, code=49)

def handler_50(request):
    return respond(request, code=50)

def handler_51(request):
    return respond(request, code=51)

def handler_52(request):
    return respond(request, code=52)

def handler_53(request):
    return respond(request, code=53)

def handler_54(request):
    return respond(request, code=54)

def handler_55(request):
    return respond(request, code=55)

def handler_56(request):
    return respond(request, code=56)

def handler_57(request):
    return respond(request, code=57)

def handler_58(request):
    return respond(request, code=58)

def handler_59(request):
    return respond(request, code=59)

def handler_60(request):
    return respond(request, code=60)

def handler_61(request):
    return respond(request, code=61)

def handler_62(request):
    return respond(request, code=62)

def handler_63(request):
    return respond(request, code=63)

def handler_64(request):
    return respond(request, code=64)

def handler_65(request):
    return respond(request, code=65)

def handler_66(request):
    return respond(request, code=66)

def handler_67(request):
    return respond(request, code=67)

def handler_68(request):
    return respond(request, code=68)

def handler_69(request):
    return respond(request, code=69)

def handler_70(request):
    return respond(request, code=70)

def handler_71(request):
    return respond(request, code=71)

def handler_72(request):
    return respond(request, code=72)

def handler_73(request):
    return respond(request, code=73)

def handler_74(request):
    return respond(request, code=74)

def handler_75(request):
    return respond(request, code=75)

def handler_76(request):
    return respond(request, code=76)

def handler_77(request):
    return respond(request, code=77)

def handler_78(request):
    return respond(request, code=78)

def handler_79(request):
    return respond(request, code=79)

def handler_80(request):
    return respond(request, code=80)

def handler_81(request):
    return respond(request, code=81)

def handler_82(request):
    return respond(request, code=82)

def handler_83(request):
    return respond(request, code=83)

def handler_84(request):
    return respond(request, code=84)

def handler_85(request):
    return respond(request, code=85)

def handler_86(request):
    return respond(request, code=86)

def handler_87(request):
    return respond(request, code=87)

def handler_88(request):
    return respond(request, code=88)

def handler_89(request):
    return respond(request, code=89)

def handler_90(request):
    return respond(request, code=90)

def handler_91(request):
    return respond(request, code=91)

def handler_92(request):
    return respond(request, code=92)

def handler_93(request):
    return respond(request, code=93)

def handler_94(request):
    return respond(request, code=94)

def handler_95(request):
    return respond(request, code=95)

def handler_96(request):
    return respond(request, code=96)

def handler_97(request):
    return respond(request, code=97)

def handler_98(request):
    return respond(request, code=98)

def handler_99(request):
    return respond(request, code=99)

def handler_100(request):
    return respond(request, code=100)

def handler_101(request):
    return respond(request, code=101)

def handler_102(request):
    return respond(request, code=102)

def handler_103(request):
    return respond(request, code=103)

def handler_104(request):
    return respond(request, code=104)

def handler_105(request):
    return respond(request, code=105)

def handler_106(request):
    return respond(request, code=106)

def handler_107(request):
    return respond(request, code=107)

def handler_108(request):
    return respond(request, code=108)

def handler_109(request):
    return respond(request, code=109)

def handler_110(request):
    return respond(request, code=110)

def handler_111(request):
    return respond(request, code=111)

def handler_112(request):
    return respond(request, code=112)

def handler_113(request):
    return respond(request, code=113)

def handler_114(request):
    return respond(request, code=114)

def handler_115(request):
    return respond(request, code=115)

def handler_116(request):
    return respond(request, code=116)

def handler_117(request):
    return respond(request, code=117)

def handler_118(request):
    return respond(request, code=118)

def handler_119(request):
    return respond(request, code=119)

def handler_120(request):
    return respond(request, code=120)

def handler_121(request):
    return respond(request, code=121)

def handler_122(request):
    return respond(request, code=122)

def handler_123(request):
    return respond(request, code=123)

def handler_124(request):
    return respond(request, code=124)

def handler_125(request):
    return respond(request, code=125)

def handler_126(request):
    return respond(request, code=126)

def handler_127(request):
    return respond(request, code=127)

def handler_128(request):
    return respond(request, code=128)

def handler_129(request):
    return respond(request, code=129)

def handler_130(request):
    return respond(request, code=130)

def handler_131(request):
    return respond(request, code=131)

def handler_132(request):
    return respond(request, code=132)

def handler_133(request):
    return respond(request, code=133)

def handler_134(request):
    return respond(request, code=134)

def handler_135(request):
    return respond(request, code=135)

def handler_136(request):
    return respond(request, code=136)

def handler_137(request):
    return respond(request, code=137)

def handler_138(request):
    return respond(request, code=138)

def handler_139(request):
    return respond(request, code=139)

def handler_140(request):
    return respond(request, code=140)

def handler_141(request):
    return respond(request, code=141)

def handler_142(request):
    return respond(request, code=142)

def handler_143(request):
    return respond(request, code=143)

def handler_144(request):
    return respond(request, code=144)

def handler_145(request):
    return respond(request, code=145)

def handler_146(request):
    return respond(request, code=146)

def handler_147(request):
    return respond(request, code=147)

def handler_148(request):
    return respond(request, code=148)

def handler_149(request):
    return respond(request, code=149)

def handler_150(request):
    return respond(request, code=150)

def handler_151(request):
    return respond(request, code=151)

def handler_152(request):
    return respond(request, code=152)

def handler_153(request):
    return respond(request, code=153)

def handler_154(request):
    return respond(request, code=154)

def handler_155(request):
    return respond(request, code=155)

def handler_156(request):
    return respond(request, code=156)

def handler_157(request):
    return respond(request, code=157)

def handler_158(request):
    return respond(request, code=158)

def handler_159(request):
    return respond(request, code=159)

def handler_160(request):
    return respond(request, code=160)

def handler_161(request):
    return respond(request, code=161)

def handler_162(request):
    return respond(request, code=162)

def handler_163(request):
    return respond(request, code=163)

def handler_164(request):
    return respond(request, code=164)

def handler_165(request):
    return respond(request, code=165)

def handler_166(request):
    return respond(request, code=166)

def handler_167(request):
    return respond(request, code=167)

def handler_168(request):
    return respond(request, code=168)

def handler_169(request):
    return respond(request, code=169)

def handler_170(request):
    return respond(request, code=170)

def handler_171(request):
    return respond(request, code=171)

def handler_172(request):
    return respond(request, code=172)

def handler_173(request):
    return respond(request, code=173)

def handler_174(request):
    return respond(request, code=174)

def handler_175(request):
    return respond(request, code=175)

def handler_176(request):
    return respond(request, code=176)

def handler_177(request):
    return respond(request, code=177)

def handler_178(request):
    return respond(request, code=178)

def handler_179(request):
    return respond(request, code=179)

def handler_180(request):
    return respond(request, code=180)

def handler_181(request):
    return respond(request, code=181)

def handler_182(request):
    return respond(request, code=182)

def handler_183(request):
    return respond(request, code=183)

def handler_184(request):
    return respond(request, code=184)

def handler_185(request):
    return respond(request, code=185)

def handler_186(request):
    return respond(request, code=186)

def handler_187(request):
    return respond(request, code=187)

def handler_188(request):
    return respond(request, code=188)

def handler_189(request):
    return respond(request, code=189)

def handler_190(request):
    return respond(request, code=190)

def handler_191(request):
    return respond(request, code=191)

def handler_192(request):
    return respond(request, code=192)

def handler_193(request):
    return respond(request, code=193)

def handler_194(request):
    return respond(request, code=194)

def handler_195(request):
    return respond(request, code=195)

def handler_196(request):
    return respond(request, code=196)

def handler_197(request):
    return respond(request, code=197)

def handler_198(request):
    return respond(request, code=198)

def handler_199(request):
    return respond(request, code=199)

def handler_200(request):
    return respond(request, code=200)

def handler_201(request):
    return respond(request, code=201)

def handler_202(request):
    return respond(request, code=202)

def handler_203(request):
    return respond(request, code=203)

def handler_204(request):
    return respond(request, code=204)

def handler_205(request):
    return respond(request, code=205)

def handler_206(request):
    return respond(request, code=206)

def handler_207(request):
    return respond(request, code=207)

def handler_208(request):
    return respond(request, code=208)

def handler_209(request):
    return respond(request, code=209)

def handler_210(request):
    return respond(request, code=210)

def handler_211(request):
    return respond(request, code=211)

def handler_212(request):
    return respond(request, code=212)

def handler_213(request):
    return respond(request, code=213)

def handler_214(request):
    return respond(request, code=214)

def handler_215(request):
    return respond(request, code=215)

def handler_216(request):
    return respond(request, code=216)

def handler_217(request):
    return respond(request, code=217)

def handler_218(request):
    return respond(request, code=218)

def handler_219(request):
    return respond(request, code=219)

def handler_220(request):
    return respond(request, code=220)

def handler_221(request):
    return respond(request, code=221)

def handler_222(request):
    return respond(request, code=222)

def handler_223(request):
    return respond(request, code=223)

def handler_224(request):
    return respond(request, code=224)

def handler_225(request):
    return respond(request, code=225)

def handler_226(request):
    return respond(request, code=226)

def handler_227(request):
    return respond(request, code=227)

def handler_228(request):
    return respond(request, code=228)

def handler_229(request):
    return respond(request, code=229)

def handler_230(request):
    return respond(request, code=230)

def handler_231(request):
    return respond(request, code=231)

def handler_232(request):
    return respond(request, code=232)

def handler_233(request):
    return respond(request, code=233)

def handler_234(request):
    return respond(request, code=234)

def handler_235(request):
    return respond(request, code=235)

def handler_236(request):
    return respond(request, code=236)

def handler_237(request):
    return respond(request, code=237)

def handler_238(request):
    return respond(request, code=238)

def handler_239(request):
    return respond(request, code=239)

def handler_240(request):
    return respond(request, code=240)

def handler_241(request):
    return respond(request, code=241)

def handler_242(request):
    return respond(request, code=242)

def handler_243(request):
    return respond(request, code=243)

def handler_244(request):
    return respond(request, code=244)

def handler_245(request):
    return respond(request, code=245)

def handler_246(request):
    return respond(request, code=246)

def handler_247(request):
    return respond(request, code=247)

def handler_248(request):
    return respond(request, code=248)

def handler_249(request):
    return respond(request, code=249)

def handler_250(request):
    return respond(request, code=250)

def handler_251(request):
    return respond(request, code=251)

def handler_252(request):
    return respond(request, code=252)

def handler_253(request):
    return respond(request, code=253)

def handler_254(request):
    return respond(request, code=254)

def handler_255(request):
    return respond(request, code=255)

def handler_256(request):
    return respond(request, code=256)

def handler_257(request):
    return respond(request, code=257)

def handler_258(request):
    return respond(request, code=258)

def handler_259(request):
    return respond(request, code=259)

def handler_260(request):
    return respond(request, code=260)

def handler_261(request):
    return respond(request, code=261)

def handler_262(request):
    return respond(request, code=262)

def handler_263(request):
    return respond(request, code=263)

def handler_264(request):
    return respond(request, code=264)

def handler_265(request):
    return respond(request, code=265)

def handler_266(request):
    return respond(request, code=266)

def handler_267(request):
    return respond(request, code=267)

def handler_268(request):
    return respond(request, code=268)

def handler_269(request):
    return respond(request, code=269)

def handler_270(request):
    return respond(request, code=270)

def handler_271(request):
    return respond(request, code=271)

def handler_272(request):
    return respond(request, code=272)

def handler_273(request):
    return respond(request, code=273)

def handler_274(request):
    return respond(request, code=274)

def handler_275(request):
    return respond(request, code=275)

def handler_276(request):
    return respond(request, code=276)

def handler_277(request):
    return respond(request, code=277)

def handler_278(request):
    return respond(request, code=278)

def handler_279(request):
    return respond(request, code=279)

def handler_280(request):
    return respond(request, code=280)

def handler_281(request):
    return respond(request, code=281)

def handler_282(request):
    return respond(request, code=282)

def handler_283(request):
    return respond(request, code=283)

def handler_284(request):
    return respond(request, code=284)

def handler_285(request):
    return respond(request, code=285)

def handler_286(request):
    return respond(request, code=286)

def handler_287(request):
    return respond(request, code=287)

def handler_288(request):
    return respond(request, code=288)

def handler_289(request):
    return respond(request, code=289)

def handler_290(request):
    return respond(request, code=290)

def handler_291(request):
    return respond(request, code=291)

def handler_292(request):
    return respond(request, code=292)

def handler_293(request):
    return respond(request, code=293)

def handler_294(request):
    return respond(request, code=294)

def handler_295(request):
    return respond(request, code=295)

def handler_296(request):
    return respond(request, code=296)

def handler_297(request):
    return respond(request, code=297)

def handler_298(request):
    return respond(request, code=298)

def handler_299(request):
    return respond(request, code=299)

def handler_300(request):
    return respond(request, code=300)

def handler_301(request):
    return respond(request, code=301)

def handler_302(request):
    return respond(request, code=302)

def handler_303(request):
    return respond(request, code=303)

def handler_304(request):
    return respond(request, code=304)

def handler_305(request):
    return respond(request, code=305)

def handler_306(request):
    return respond(request, code=306)

def handler_307(request):
    return respond(request, code=307)

def handler_308(request):
    return respond(request, code=308)

def handler_309(request):
    return respond(request, code=309)

def handler_310(request):
    return respond(request, code=310)

def handler_311(request):
    return respond(request, code=311)

def handler_312(request):
    return respond(request, code=312)

def handler_313(request):
    return respond(request, code=313)

def handler_314(request):
    return respond(request, code=314)

def handler_315(request):
    return respond(request, code=315)

def handler_316(request):
    return respond(request, code=316)

def handler_317(request):
    return respond(request, code=317)

def handler_318(request):
    return respond(request, code=318)

def handler_319(request):
    return respond(request, code=319)

def handler_320(request):
    return respond(request, code=320)

def handler_321(request):
    return respond(request, code=321)

def handler_322(request):
    return respond(request, code=322)

def handler_323(request):
    return respond(request, code=323)

def handler_324(request):
    return respond(request, code=324)

def handler_325(request):
    return respond(request, code=325)

def handler_326(request):
    return respond(request, code=326)

def handler_327(request):
    return respond(request, code=327)

def handler_328(request):
    return respond(request, code=328)

def handler_329(request):
    return respond(request, code=329)

def handler_330(request):
    return respond(request, code=330)

def handler_331(request):
    return respond(request, code=331)

def handler_332(request):
    return respond(request, code=332)

def handler_333(request):
    return respond(request, code=333)

def handler_334(request):
    return respond(request, code=334)

def handler_335(request):
    return respond(request, code=335)

def handler_336(request):
    return respond(request, code=336)

def handler_337(request):
    return respond(request, code=337)

def handler_338(request):
    return respond(request, code=338)

def handler_339(request):
    return respond(request, code=339)

def handler_340(request):
    return respond(request, code=340)

def handler_341(request):
    return respond(request, code=341)

def handler_342(request):
    return respond(request, code=342)

def handler_343(request):
    return respond(request, code=343)

def handler_344(request):
    return respond(request, code=344)

def handler_345(request):
    return respond(request, code=345)

def handler_346(request):
    return respond(request, code=346)

def handler_347(request):
    return respond(request, code=347)

def handler_348(request):
    return respond(request, code=348)

def handler_349(request):
    return respond(request, code=349)

def handler_350(request):
    return respond(request, code=350)

def handler_351(request):
    return respond(request, code=351)

def handler_352(request):
    return respond(request, code=352)

def handler_353(request):
    return respond(request, code=353)

def handler_354(request):
    return respond(request, code=354)

def handler_355(request):
    return respond(request, code=355)

def handler_356(request):
    return respond(request, code=356)

def handler_357(request):
    return respond(request, code=357)

def handler_358(request):
    return respond(request, code=358)

def handler_359(request):
    return respond(request, code=359)

def handler_360(request):
    return respond(request, code=360)

def handler_361(request):
    return respond(request, code=361)

def handler_362(request):
    return respond(request, code=362)

def handler_363(request):
    return respond(request, code=363)

def handler_364(request):
    return respond(request, code=364)

def handler_365(request):
    return respond(request, code=365)

def handler_366(request):
    return respond(request, code=366)

def handler_367(request):
    return respond(request, code=367)

def handler_368(request):
    return respond(request, code=368)

def handler_369(request):
    return respond(request, code=369)

def handler_370(request):
    return respond(request, code=370)

def handler_371(request):
    return respond(request, code=371)

def handler_372(request):
    return respond(request, code=372)

def handler_373(request):
    return respond(request, code=373)

def handler_374(request):
    return respond(request, code=374)

def handler_375(request):
    return respond(request, code=375)

def handler_376(request):
    return respond(request, code=376)

def handler_377(request):
    return respond(request, code=377)

def handler_378(request):
    return respond(request, code=378)

def handler_379(request):
    return respond(request, code=379)

def handler_380(request):
    return respond(request, code=380)

def handler_381(request):
    return respond(request, code=381)

def handler_382(request):
    return respond(request, code=382)

def handler_383(request):
    return respond(request, code=383)

def handler_384(request):
    return respond(request, code=384)

def handler_385(request):
    return respond(request, code=385)

def handler_386(request):
    return respond(request, code=386)

def handler_387(request):
    return respond(request, code=387)

def handler_388(request):
    return respond(request, code=388)

def handler_389(request):
    return respond(request, code=389)

def handler_390(request):
    return respond(request, code=390)

def handler_391(request):
    return respond(request, code=391)

def handler_392(request):
    return respond(request, code=392)

def handler_393(request):
    return respond(request, code=393)

def handler_394(request):
    return respond(request, code=394)

def handler_395(request):
    return respond(request, code=395)

def handler_396(request):
    return respond(request, code=396)

def handler_397(request):
    return respond(request, code=397)

def handler_398(request):
    return respond(request, code=398)

def handler_399(request):
    return respond(request, code=399)

def handler_400(request):
    return respond(request, code=400)

def handler_401(request):
    return respond(request, code=401)

def handler_402(request):
    return respond(request, code=402)

def handler_403(request):
    return respond(request, code=403)

def handler_404(request):
    return respond(request, code=404)

def handler_405(request):
    return respond(request, code=405)

def handler_406(request):
    return respond(request, code=406)

def handler_407(request):
    return respond(request, code=407)

def handler_408(request):
    return respond(request, code=408)

def handler_409(request):
    return respond(request, code=409)

def handler_410(request):
    return respond(request, code=410)

def handler_411(request):
    return respond(request, code=411)

def handler_412(request):
    return respond(request, code=412)

def handler_413(request):
    return respond(request, code=413)

def handler_414(request):
    return respond(request, code=414)

def handler_415(request):
    return respond(request, code=415)

def handler_416(request):
    return respond(request, code=416)

def handler_417(request):
    return respond(request, code=417)

def handler_418(request):
    return respond(request, code=418)

def handler_419(request):
    return respond(request, code=419)

def handler_420(request):
    return respond(request, code=420)

def handler_421(request):
    return respond(request, code=421)

def handler_422(request):
    return respond(request, code=422)

def handler_423(request):
    return respond(request, code=423)

def handler_424(request):
    return respond(request, code=424)

def handler_425(request):
    return respond(request, code=425)

def handler_426(request):
    return respond(request, code=426)

def handler_427(request):
    return respond(request, code=427)

def handler_428(request):
    return respond(request, code=428)

def handler_429(request):
    return respond(request, code=429)

def handler_430(request):
    return respond(request, code=430)

def handler_431(request):
    return respond(request, code=431)

def handler_432(request):
    return respond(request, code=432)

def handler_433(request):
    return respond(request, code=433)

def handler_434(request):
    return respond(request, code=434)

def handler_435(request):
    return respond(request, code=435)

def handler_436(request):
    return respond(request, code=436)

def handler_437(request):
    return respond(request, code=437)

def handler_438(request):
    return respond(request, code=438)

def handler_439(request):
    return respond(request, code=439)

def handler_440(request):
    return respond(request, code=440)

def handler_441(request):
    return respond(request, code=441)

def handler_442(request):
    return respond(request, code=442)

def handler_443(request):
    return respond(request, code=443)

def handler_444(request):
    return respond(request, code=444)

def handler_445(request):
    return respond(request, code=445)

def handler_446(request):
    return respond(request, code=446)

def handler_447(request):
    return respond(request, code=447)

def handler_448(request):
    return respond(request, code=448)

def handler_449(request):
    return respond(request, code=449)

def handler_450(request):
    return respond(request, code=450)

def handler_451(request):
    return respond(request, code=451)

def handler_452(request):
    return respond(request, code=452)

def handler_453(request):
    return respond(request, code=453)

def handler_454(request):
    return respond(request, code=454)

def handler_455(request):
    return respond(request, code=455)

def handler_456(request):
    return respond(request, code=456)

def handler_457(request):
    return respond(request, code=457)

def handler_458(request):
    return respond(request, code=458)

def handler_459(request):
    return respond(request, code=459)

def handler_460(request):
    return respond(request, code=460)

def handler_461(request):
    return respond(request, code=461)

def handler_462(request):
    return respond(request, code=462)

def handler_463(request):
    return respond(request, code=463)

def handler_464(request):
    return respond(request, code=464)

def handler_465(request):
    return respond(request, code=465)

def handler_466(request):
    return respond(request, code=466)

def handler_467(request):
    return respond(request, code=467)

def handler_468(request):
    return respond(request, code=468)

def handler_469(request):
    return respond(request, code=469)

def handler_470(request):
    return respond(request, code=470)

def handler_471(request):
    return respond(request, code=471)

def handler_472(request):
    return respond(request, code=472)

def handler_473(request):
    return respond(request, code=473)

def handler_474(request):
    return respond(request, code=474)

def handler_475(request):
    return respond(request, code=475)

def handler_476(request):
    return respond(request, code=476)

def handler_477(request):
    return respond(request, code=477)

def handler_478(request):
    return respond(request, code=478)

def handler_479(request):
    return respond(request, code=479)

def handler_480(request):
    return respond(request, code=480)

def handler_481(request):
    return respond(request, code=481)

def handler_482(request):
    return respond(request, code=482)

def handler_483(request):
    return respond(request, code=483)

def handler_484(request):
    return respond(request, code=484)

def handler_485(request):
    return respond(request, code=485)

def handler_486(request):
    return respond(request, code=486)

def handler_487(request):
    return respond(request, code=487)

def handler_488(request):
    return respond(request, code=488)

def handler_489(request):
    return respond(request, code=489)

def handler_490(request):
    return respond(request, code=490)

def handler_491(request):
    return respond(request, code=491)

def handler_492(request):
    return respond(request, code=492)

def handler_493(request):
    return respond(request, code=493)

def handler_494(request):
    return respond(request, code=494)

def handler_495(request):
    return respond(request, code=495)

def handler_496(request):
    return respond(request, code=496)

def handler_497(request):
    return respond(request, code=497)

def handler_498(request):
    return respond(request, code=498)

def handler_499(request):
    return respond(request, code=499)

def handler_500(request):
    return respond(request, code=500)

def handler_501(request):
    return respond(request, code=501)

def handler_502(request):
    return respond(request, code=502)

def handler_503(request):
    return respond(request, code=503)

def handler_504(request):
    return respond(request, code=504)

def handler_505(request):
    return respond(request, code=505)

def handler_506(request):
    return respond(request, code=506)

def handler_507(request):
    return respond(request, code=507)

def handler_508(request):
    return respond(request, code=508)

def handler_509(request):
    return respond(request, code=509)

def handler_510(request):
    return respond(request, code=510)

def handler_511(request):
    return respond(request, code=511)

def handler_512(request):
    return respond(request, code=512)

def handler_513(request):
    return respond(request, code=513)

def handler_514(request):
    return respond(request, code=514)

def handler_515(request):
    return respond(request, code=515)

def handler_516(request):
    return respond(request, code=516)

def handler_517(request):
    return respond(request, code=517)

def handler_518(request):
    return respond(request, code=518)

def handler_519(request):
    return respond(request, code=519)

def handler_520(request):
    return respond(request, code=520)

def handler_521(request):
    return respond(request, code=521)

def handler_522(request):
    return respond(request, code=522)

def handler_523(request):
    return respond(request, code=523)

def handler_524(request):
    return respond(request, code=524)

def handler_525(request):
    return respond(request, code=525)

def handler_526(request):
    return respond(request, code=526)

def handler_527(request):
    return respond(request, code=527)

def handler_528(request):
    return respond(request, code=528)

def handler_529(request):
    return respond(request, code=529)

def handler_530(request):
    return respond(request, code=530)

def handler_531(request):
    return respond(request, code=531)

def handler_532(request):
    return respond(request, code=532)

def handler_533(request):
    return respond(request, code=533)

def handler_534(request):
    return respond(request, code=534)

def handler_535(request):
    return respond(request, code=535)

def handler_536(request):
    return respond(request, code=536)

def handler_537(request):
    return respond(request, code=537)

def handler_538(request):
    return respond(request, code=538)

def handler_539(request):
    return respond(request, code=539)

def handler_540(request):
    return respond(request, code=540)

def handler_541(request):
    return respond(request, code=541)

def handler_542(request):
    return respond(request, code=542)

def handler_543(request):
    return respond(request, code=543)

def handler_544(request):
    return respond(request, code=544)

def handler_545(request):
    return respond(request, code=545)

def handler_546(request):
    return respond(request, code=546)

def handler_547(request):
    return respond(request, code=547)

def handler_548(request):
    return respond(request, code=548)

def handler_549(request):
    return respond(request, code=549)

def handler_550(request):
    return respond(request, code=550)

def handler_551(request):
    return respond(request, code=551)

def handler_552(request):
    return respond(request, code=552)

def handler_553(request):
    return respond(request, code=553)

def handler_554(request):
    return respond(request, code=554)

def handler_555(request):
    return respond(request, code=555)

def handler_556(request):
    return respond(request, code=556)

def handler_557(request):
    return respond(request, code=557)

def handler_558(request):
    return respond(request, code=558)

def handler_559(request):
    return respond(request, code=559)

def handler_560(request):
    return respond(request, code=560)

def handler_561(request):
    return respond(request, code=561)

def handler_562(request):
    return respond(request, code=562)

def handler_563(request):
    return respond(request, code=563)

def handler_564(request):
    return respond(request, code=564)

def handler_565(request):
    return respond(request, code=565)

def handler_566(request):
    return respond(request, code=566)

def handler_567(request):
    return respond(request, code=567)

def handler_568(request):
    return respond(request, code=568)

def handler_569(request):
    return respond(request, code=569)

def handler_570(request):
    return respond(request, code=570)

def handler_571(request):
    return respond(request, code=571)

def handler_572(request):
    return respond(request, code=572)

def handler_573(request):
    return respond(request, code=573)

def handler_574(request):
    return respond(request, code=574)

def handler_575(request):
    return respond(request, code=575)

def handler_576(request):
    return respond(request, code=576)

def handler_577(request):
    return respond(request, code=577)

def handler_578(request):
    return respond(request, code=578)

def handler_579(request):
    return respond(request, code=579)

def handler_580(request):
    return respond(request, code=580)

def handler_581(request):
    return respond(request, code=581)

def handler_582(request):
    return respond(request, code=582)

def handler_583(request):
    return respond(request, code=583)

def handler_584(request):
    return respond(request, code=584)

def handler_585(request):
    return respond(request, code=585)

def handler_586(request):
    return respond(request, code=586)

def handler_587(request):
    return respond(request, code=587)

def handler_588(request):
    return respond(request, code=588)

def handler_589(request):
    return respond(request, code=589)

def handler_590(request):
    return respond(request, code=590)

def handler_591(request):
    return respond(request, code=591)

def handler_592(request):
    return respond(request, code=592)

def handler_593(request):
    return respond(request, code=593)

def handler_594(request):
    return respond(request, code=594)

def handler_595(request):
    return respond(request, code=595)

def handler_596(request):
    return respond(request, code=596)

def handler_597(request):
    return respond(request, code=597)

def handler_598(request):
    return respond(request, code=598)

def handler_599(request):
    return respond(request, code=599)

def handler_600(request):
    return respond(request, code=600)

def handler_601(request):
    return respond(request, code=601)

def handler_602(request):
    return respond(request, code=602)

def handler_603(request):
    return respond(request, code=603)

def handler_604(request):
    return respond(request, code=604)

def handler_605(request):
    return respond(request, code=605)

def handler_606(request):
    return respond(request, code=606)

def handler_607(request):
    return respond(request, code=607)

def handler_608(request):
    return respond(request, code=608)

def handler_609(request):
    return respond(request, code=609)

def handler_610(request):
    return respond(request, code=610)

def handler_611(request):
    return respond(request, code=611)

def handler_612(request):
    return respond(request, code=612)

def handler_613(request):
    return respond(request, code=613)

def handler_614(request):
    return respond(request, code=614)

def handler_615(request):
    return respond(request, code=615)

def handler_616(request):
    return respond(request, code=616)

def handler_617(request):
    return respond(request, code=617)

def handler_618(request):
    return respond(request, code=618)

def handler_619(request):
    return respond(request, code=619)

def handler_620(request):
    return respond(request, code=620)

def handler_621(request):
    return respond(request, code=621)

def handler_622(request):
    return respond(request, code=622)

def handler_623(request):
    return respond(request, code=623)

def handler_624(request):
    return respond(request, code=624)

def handler_625(request):
    return respond(request, code=625)

def handler_626(request):
    return respond(request, code=626)

def handler_627(request):
    return respond(request, code=627)

def handler_628(request):
    return respond(request, code=628)

def handler_629(request):
    return respond(request, code=629)

def handler_630(request):
    return respond(request, code=630)

def handler_631(request):
    return respond(request, code=631)

def handler_632(request):
    return respond(request, code=632)

def handler_633(request):
    return respond(request, code=633)

def handler_634(request):
    return respond(request, code=634)

def handler_635(request):
    return respond(request, code=635)

def handler_636(request):
    return respond(request, code=636)

def handler_637(request):
    return respond(request, code=637)

def handler_638(request):
    return respond(request, code=638)

def handler_639(request):
    return respond(request, code=639)

def handler_640(request):
    return respond(request, code=640)

def handler_641(request):
    return respond(request, code=641)

def handler_642(request):
    return respond(request, code=642)

def handler_643(request):
    return respond(request, code=643)

def handler_644(request):
    return respond(request, code=644)

def handler_645(request):
    return respond(request, code=645)

def handler_646(request):
    return respond(request, code=646)

def handler_647(request):
    return respond(request, code=647)

def handler_648(request):
    return respond(request, code=648)

def handler_649(request):
    return respond(request, code=649)

def handler_650(request):
    return respond(request, code=650)

def handler_651(request):
    return respond(request, code=651)

def handler_652(request):
    return respond(request, code=652)

def handler_653(request):
    return respond(request, code=653)

def handler_654(request):
    return respond(request, code=654)

def handler_655(request):
    return respond(request, code=655)

def handler_656(request):
    return respond(request, code=656)

def handler_657(request):
    return respond(request, code=657)

def handler_658(request):
    return respond(request, code=658)

def handler_659(request):
    return respond(request, code=659)

def handler_660(request):
    return respond(request, code=660)

def handler_661(request):
    return respond(request, code=661)

def handler_662(request):
    return respond(request, code=662)

def handler_663(request):
    return respond(request, code=663)

def handler_664(request):
    return respond(request, code=664)

def handler_665(request):
    return respond(request, code=665)

def handler_666(request):
    return respond(request, code=666)

def handler_667(request):
    return respond(request, code=667)

def handler_668(request):
    return respond(request, code=668)

def handler_669(request):
    return respond(request, code=669)

def handler_670(request):
    return respond(request, code=670)

def handler_671(request):
    return respond(request, code=671)

def handler_672(request):
    return respond(request, code=672)

def handler_673(request):
    return respond(request, code=673)

def handler_674(request):
    return respond(request, code=674)

def handler_675(request):
    return respond(request, code=675)

def handler_676(request):
    return respond(request, code=676)

def handler_677(request):
    return respond(request, code=677)

def handler_678(request):
    return respond(request, code=678)

def handler_679(request):
    return respond(request, code=679)

def handler_680(request):
    return respond(request, code=680)

def handler_681(request):
    return respond(request, code=681)

def handler_682(request):
    return respond(request, code=682)

def handler_683(request):
    return respond(request, code=683)

def handler_684(request):
    return respond(request, code=684)

def handler_685(request):
    return respond(request, code=685)

def handler_686(request):
    return respond(request, code=686)

def handler_687(request):
    return respond(request, code=687)

def handler_688(request):
    return respond(request, code=688)

def handler_689(request):
    return respond(request, code=689)

def handler_690(request):
    return respond(request, code=690)

def handler_691(request):
    return respond(request, code=691)

def handler_692(request):
    return respond(request, code=692)

def handler_693(request):
    return respond(request, code=693)

def handler_694(request):
    return respond(request, code=694)

def handler_695(request):
    return respond(request, code=695)

def handler_696(request):
    return respond(request, code=696)

def handler_697(request):
    return respond(request, code=697)

def handler_698(request):
    return respond(request, code=698)

def handler_699(request):
    return respond(request, code=699)

def handler_700(request):
    return respond(request, code=700)

def handler_701(request):
    return respond(request, code=701)

def handler_702(request):
    return respond(request, code=702)

def handler_703(request):
    return respond(request, code=703)

def handler_704(request):
    return respond(request, code=704)

def handler_705(request):
    return respond(request, code=705)

def handler_706(request):
    return respond(request, code=706)

def handler_707(request):
    return respond(request, code=707)

def handler_708(request):
    return respond(request, code=708)

def handler_709(request):
    return respond(request, code=709)

def handler_710(request):
    return respond(request, code=710)

def handler_711(request):
    return respond(request, code=711)

def handler_712(request):
    return respond(request, code=712)

def handler_713(request):
    return respond(request, code=713)

def handler_714(request):
    return respond(request, code=714)

def handler_715(request):
    return respond(request, code=715)

def handler_716(request):
    return respond(request, code=716)

def handler_717(request):
    return respond(request, code=717)

def handler_718(request):
    return respond(request, code=718)

def handler_719(request):
    return respond(request, code=719)

def handler_720(request):
    return respond(request, code=720)

def handler_721(request):
    return respond(request, code=721)

def handler_722(request):
    return respond(request, code=722)

def handler_723(request):
    return respond(request, code=723)

def handler_724(request):
    return respond(request, code=724)

def handler_725(request):
    return respond(request, code=725)

def handler_726(request):
    return respond(request, code=726)

def handler_727(request):
    return respond(request, code=727)

def handler_728(request):
    return respond(request, code=728)

def handler_729(request):
    return respond(request, code=729)

def handler_730(request):
    return respond(request, code=730)

def handler_731(request):
    return respond(request, code=731)

def handler_732(request):
    return respond(request, code=732)

def handler_733(request):
    return respond(request, code=733)

def handler_734(request):
    return respond(request, code=734)

def handler_735(request):
    return respond(request, code=735)

def handler_736(request):
    return respond(request, code=736)

def handler_737(request):
    return respond(request, code=737)

def handler_738(request):
    return respond(request, code=738)

def handler_739(request):
    return respond(request, code=739)

def handler_740(request):
    return respond(request, code=740)

def handler_741(request):
    return respond(request, code=741)

def handler_742(request):
    return respond(request, code=742)

def handler_743(request):
    return respond(request, code=743)

def handler_744(request):
    return respond(request, code=744)

def handler_745(request):
    return respond(request, code=745)

def handler_746(request):
    return respond(request, code=746)

def handler_747(request):
    return respond(request, code=747)

def handler_748(request):
    return respond(request, code=748)

def handler_749(request):
    return respond(request, code=749)

def handler_750(request):
    return respond(request, code=750)

def handler_751(request):
    return respond(request, code=751)

def handler_752(request):
    return respond(request, code=752)

def handler_753(request):
    return respond(request, code=753)

def handler_754(request):
    return respond(request, code=754)

def handler_755(request):
    return respond(request, code=755)

def handler_756(request):
    return respond(request, code=756)

def handler_757(request):
    return respond(request, code=757)

def handler_758(request):
    return respond(request, code=758)

def handler_759(request):
    return respond(request, code=759)

def handler_760(request):
    return respond(request, code=760)

def handler_761(request):
    return respond(request, code=761)

def handler_762(request):
    return respond(request, code=762)

def handler_763(request):
    return respond(request, code=763)

def handler_764(request):
    return respond(request, code=764)

def handler_765(request):
    return respond(request, code=765)

def handler_766(request):
    return respond(request, code=766)

def handler_767(request):
    return respond(request, code=767)

def handler_768(request):
    return respond(request, code=768)

def handler_769(request):
    return respond(request, code=769)

def handler_770(request):
    return respond(request, code=770)

def handler_771(request):
    return respond(request, code=771)

def handler_772(request):
    return respond(request, code=772)

def handler_773(request):
    return respond(request, code=773)

def handler_774(request):
    return respond(request, code=774)

def handler_775(request):
    return respond(request, code=775)

def handler_776(request):
    return respond(request, code=776)

def handler_777(request):
    return respond(request, code=777)

def handler_778(request):
    return respond(request, code=778)

def handler_779(request):
    return respond(request, code=779)

def handler_780(request):
    return respond(request, code=780)

def handler_781(request):
    return respond(request, code=781)

def handler_782(request):
    return respond(request, code=782)

def handler_783(request):
    return respond(request, code=783)

def handler_784(request):
    return respond(request, code=784)

def handler_785(request):
    return respond(request, code=785)

def handler_786(request):
    return respond(request, code=786)

def handler_787(request):
    return respond(request, code=787)

def handler_788(request):
    return respond(request, code=788)

def handler_789(request):
    return respond(request, code=789)

def handler_790(request):
    return respond(request, code=790)

def handler_791(request):
    return respond(request, code=791)

def handler_792(request):
    return respond(request, code=792)

def handler_793(request):
    return respond(request, code=793)

def handler_794(request):
    return respond(request, code=794)

def handler_795(request):
    return respond(request, code=795)

def handler_796(request):
    return respond(request, code=796)

def handler_797(request):
    return respond(request, code=797)

def handler_798(request):
    return respond(request, code=798)

def handler_799(request):
    return respond(request, code=799)

def handler_800(request):
    return respond(request, code=800)

def handler_801(request):
    return respond(request, code=801)

def handler_802(request):
    return respond(request, code=802)

def handler_803(request):
    return respond(request, code=803)

def handler_804(request):
    return respond(request, code=804)

def handler_805(request):
    return respond(request, code=805)

def handler_806(request):
    return respond(request, code=806)

def handler_807(request):
    return respond(request, code=807)

def handler_808(request):
    return respond(request, code=808)

def handler_809(request):
    return respond(request, code=809)

def handler_810(request):
    return respond(request, code=810)

def handler_811(request):
    return respond(request, code=811)

def handler_812(request):
    return respond(request, code=812)

def handler_813(request):
    return respond(request, code=813)

def handler_814(request):
    return respond(request, code=814)

def handler_815(request):
    return respond(request, code=815)

def handler_816(request):
    return respond(request, code=816)

def handler_817(request):
    return respond(request, code=817)

def handler_818(request):
    return respond(request, code=818)

def handler_819(request):
    return respond(request, code=819)

def handler_820(request):
    return respond(request, code=820)

def handler_821(request):
    return respond(request, code=821)

def handler_822(request):
    return respond(request, code=822)

def handler_823(request):
    return respond(request, code=823)

def handler_824(request):
    return respond(request, code=824)

def handler_825(request):
    return respond(request, code=825)

def handler_826(request):
    return respond(request, code=826)

def handler_827(request):
    return respond(request, code=827)

def handler_828(request):
    return respond(request, code=828)

def handler_829(request):
    return respond(request, code=829)

def handler_830(request):
    return respond(request, code=830)

def handler_831(request):
    return respond(request, code=831)

def handler_832(request):
    return respond(request, code=832)

def handler_833(request):
    return respond(request, code=833)

def handler_834(request):
    return respond(request, code=834)

def handler_835(request):
    return respond(request, code=835)

def handler_836(request):
    return respond(request, code=836)

def handler_837(request):
    return respond(request, code=837)

def handler_838(request):
    return respond(request, code=838)

def handler_839(request):
    return respond(request, code=839)

def handler_840(request):
    return respond(request, code=840)

def handler_841(request):
    return respond(request, code=841)

def handler_842(request):
    return respond(request, code=842)

def handler_843(request):
    return respond(request, code=843)

def handler_844(request):
    return respond(request, code=844)

def handler_845(request):
    return respond(request, code=845)

def handler_846(request):
    return respond(request, code=846)

def handler_847(request):
    return respond(request, code=847)

def handler_848(request):
    return respond(request, code=848)

def handler_849(request):
    return respond(request, code=849)

def handler_850(request):
    return respond(request, code=850)

def handler_851(request):
    return respond(request, code=851)

def handler_852(request):
    return respond(request, code=852)

def handler_853(request):
    return respond(request, code=853)

def handler_854(request):
    return respond(request, code=854)

def handler_855(request):
    return respond(request, code=855)

def handler_856(request):
    return respond(request, code=856)

def handler_857(request):
    return respond(request, code=857)

def handler_858(request):
    return respond(request, code=858)

def handler_859(request):
    return respond(request, code=859)

def handler_860(request):
    return respond(request, code=860)

def handler_861(request):
    return respond(request, code=861)

def handler_862(request):
    return respond(request, code=862)

def handler_863(request):
    return respond(request, code=863)

def handler_864(request):
    return respond(request, code=864)

def handler_865(request):
    return respond(request, code=865)

def handler_866(request):
    return respond(request, code=866)

def handler_867(request):
    return respond(request, code=867)

def handler_868(request):
    return respond(request, code=868)

def handler_869(request):
    return respond(request, code=869)

def handler_870(request):
    return respond(request, code=870)

def handler_871(request):
    return respond(request, code=871)

def handler_872(request):
    return respond(request, code=872)

def handler_873(request):
    return respond(request, code=873)

def handler_874(request):
    return respond(request, code=874)

def handler_875(request):
    return respond(request, code=875)

def handler_876(request):
    return respond(request, code=876)

def handler_877(request):
    return respond(request, code=877)

def handler_878(request):
    return respond(request, code=878)

def handler_879(request):
    return respond(request, code=879)

def handler_880(request):
    return respond(request, code=880)

def handler_881(request):
    return respond(request, code=881)

def handler_882(request):
    return respond(request, code=882)

def handler_883(request):
    return respond(request, code=883)

def handler_884(request):
    return respond(request, code=884)

def handler_885(request):
    return respond(request, code=885)

def handler_886(request):
    return respond(request, code=886)

def handler_887(request):
    return respond(request, code=887)

def handler_888(request):
    return respond(request, code=888)

def handler_889(request):
    return respond(request, code=889)

def handler_890(request):
    return respond(request, code=890)

def handler_891(request):
    return respond(request, code=891)

def handler_892(request):
    return respond(request, code=892)

def handler_893(request):
    return respond(request, code=893)

def handler_894(request):
    return respond(request, code=894)

def handler_895(request):
    return respond(request, code=895)

def handler_896(request):
    return respond(request, code=896)

def handler_897(request):
    return respond(request, code=897)

def handler_898(request):
    return respond(request, code=898)

def handler_899(request):
    return respond(request, code=899)

# end of module
